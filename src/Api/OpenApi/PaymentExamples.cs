using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.GetPaymentOptions;
using HeadlessPortal.Application.Payments.PayInvoices;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Examples of the payment documents (kept apart from the others, which are many).</summary>
internal static class PaymentExamples
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(PayInvoicesRequest)] = """
            { "allocations": [ { "invoiceId": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "amount": 13950 }, { "invoiceId": "019aa0c2-5e6f-7a80-9b1c-3d4e5f6a7b8c", "amount": 8900 } ],
              "paymentMethod": { "type": "card", "paymentMethodId": "pm_card_visa" } }
            """,
        [typeof(PaymentMethodInput)] = """{ "type": "usBankAccount", "paymentMethodId": "pm_usBankAccount", "achAuthorization": { "accepted": true } }""",
        [typeof(PaymentResultDto)] = """
            { "id": "019aa0d4-7b8c-7d9e-8f01-a2b3c4d5e6f7", "status": "requiresAction", "amount": { "amount": 22850, "currency": "usd" },
              "clientSecret": "pi_3QfakeB2eZvKYlo2C1a2b3c4_secret_Qm9vdA", "failure": null }
            """,
        [typeof(PaymentFailureDto)] = """{ "code": "card_declined", "declineCode": "insufficient_funds", "message": "Your card has insufficient funds." }""",
        [typeof(PortalPaymentDetailDto)] = """
            { "id": "019aa0d4-7b8c-7d9e-8f01-a2b3c4d5e6f7", "status": "succeeded", "amount": { "amount": 22850, "currency": "usd" }, "method": "card",
              "billTo": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
              "invoices": [ { "invoiceId": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "number": "INV-10482", "amount": { "amount": 13950, "currency": "usd" } },
                            { "invoiceId": "019aa0c2-5e6f-7a80-9b1c-3d4e5f6a7b8c", "number": "INV-10491", "amount": { "amount": 8900, "currency": "usd" } } ],
              "clientSecret": null, "failure": null, "createdAt": "2026-11-22T14:03:11.000+00:00", "completedAt": "2026-11-22T14:03:12.000+00:00" }
            """,
        [typeof(PaymentOptionsDto)] = """
            { "enabled": true, "reason": null, "partialPayments": true, "savedPaymentMethods": true, "minimumCharge": 50,
              "stripe": { "publishableKey": "pk_test_51Qfake0000000000000000", "accountId": "acct_1Nv0FGQ9RKHgCVdK" },
              "achAuthorizationText": "By selecting Pay, you authorize Acme Air to debit the bank account you selected, once, for the amount shown, on or after today, and, if an error occurs, to debit or credit that account to correct it. You may revoke this authorization by contacting Acme Air before the debit is made." }
            """,
        [typeof(PaymentAccountRequest)] = """{ "accountId": "acct_1Nv0FGQ9RKHgCVdK" }""",
        [typeof(PaymentAccountDto)] = """{ "connected": true, "accountId": "acct_1Nv0FGQ9RKHgCVdK", "connectedAt": "2026-11-20T09:12:00.000+00:00", "updatedAt": "2026-11-20T09:12:00.000+00:00" }""",
        [typeof(WebhookReceipt)] = """{ "received": true, "outcome": "applied" }""",
    };
}
