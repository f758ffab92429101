using HeadlessPortal.Application.Billing;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.Payments;

/// <summary>The customer a payment was made for.</summary>
/// <param name="Id">Our id of the customer.</param>
/// <param name="ExternalId">The back office's id of the customer.</param>
/// <param name="Name">The customer's name.</param>
public sealed record PaymentCustomerDto(Guid Id, string ExternalId, string Name);

/// <summary>What a payment pays of one invoice.</summary>
/// <param name="InvoiceId">Our id of the invoice.</param>
/// <param name="InvoiceExternalId">The back office's id of the invoice.</param>
/// <param name="InvoiceNumber">The invoice's number.</param>
/// <param name="Amount">The amount paid on it.</param>
public sealed record PaymentAllocationDto(Guid InvoiceId, string InvoiceExternalId, string InvoiceNumber, MoneyDocument Amount);

/// <summary>The bank debit authorization the customer accepted.</summary>
/// <param name="AcceptedAt">When.</param>
/// <param name="IpAddress">From which address.</param>
/// <param name="UserAgent">With which browser.</param>
/// <param name="Text">The authorization text shown.</param>
public sealed record AchAuthorizationDto(DateTimeOffset AcceptedAt, string IpAddress, string UserAgent, string Text);

/// <summary>An online payment as the office sees it.</summary>
/// <param name="Id">The payment's id.</param>
/// <param name="Status">pending, requiresAction, processing, succeeded, failed or canceled.</param>
/// <param name="Amount">The amount charged.</param>
/// <param name="Method">card or usBankAccount.</param>
/// <param name="Channel">portal (a signed-in customer) or paymentLink (a direct link, without an account).</param>
/// <param name="PaymentLinkId">The link it was paid through (paymentLink channel).</param>
/// <param name="Customer">The Bill-To customer of the invoices paid.</param>
/// <param name="Allocations">What it pays of each invoice.</param>
/// <param name="ProviderPaymentIntentId">The payment provider's PaymentIntent (pi_...), once it answered.</param>
/// <param name="Failure">Why it failed (failed payments).</param>
/// <param name="AchAuthorization">The accepted debit authorization (bank account payments).</param>
/// <param name="CreatedAt">When the customer started it.</param>
/// <param name="CompletedAt">When it succeeded, failed or was canceled.</param>
public sealed record AdminPaymentDto(
    Guid Id, PaymentStatus Status, MoneyDocument Amount, PaymentMethodKind Method, PaymentChannel Channel, Guid? PaymentLinkId, PaymentCustomerDto Customer,
    IReadOnlyList<PaymentAllocationDto> Allocations, string? ProviderPaymentIntentId, PaymentFailureDto? Failure, AchAuthorizationDto? AchAuthorization,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static AdminPaymentDto From(Payment p, PaymentCustomerDto customer) => new(
        p.Id, p.Status, new MoneyDocument(p.Amount, p.Currency), p.MethodKind, p.Channel, p.PaymentLinkId, customer,
        p.Allocations.Select(a => new PaymentAllocationDto(a.InvoiceId, a.InvoiceExternalId, a.InvoiceNumber, new MoneyDocument(a.Amount, p.Currency))).ToList(),
        p.ProviderPaymentIntentId,
        p.Failure is { } f ? new PaymentFailureDto(f.Code, f.DeclineCode, f.Message) : null,
        p.AchAuthorization is { } a ? new AchAuthorizationDto(a.AcceptedAt, a.IpAddress, a.UserAgent, a.Text) : null,
        p.CreatedAt, p.CompletedAt);
}
