using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.GetPaymentOptions;
using HeadlessPortal.Application.Payments.GetPortalPayment;
using HeadlessPortal.Application.Payments.ListPortalPayments;
using HeadlessPortal.Application.Payments.PayInvoices;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Paying invoices from the portal, and following the payments.</summary>
public static class PortalPaymentEndpoints
{
    public static IEndpointRouteBuilder MapPortalPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var payments = app.MapSignedInPortalGroup("Portal: payments");

        payments.MapGet("/payment-options", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetPaymentOptionsQuery(), ct)))
            .WithName("GetPortalPaymentOptions").WithSummary("What paying takes here")
            .WithDescription("Whether invoices can be paid online now (and why not: payments_disabled, invoice_payment_off), whether partial payments and saved methods are on, the smallest charge, the keys for Stripe.js (loadStripe(publishableKey, { stripeAccount: accountId })) and the ACH debit authorization text to show before a bank payment.")
            .Produces<PaymentOptionsDto>();

        payments.MapPost("/payments", Pay)
            .WithName("PayInvoices").WithSummary("Pay one or several invoices")
            .WithDescription(
                "Requires an Idempotency-Key header (a new UUID per payment, the same one when retrying): a replay answers the same payment, even while the first request is still running; " +
                "the same key with another body is 422 idempotency_key_reused. Allocations: invoices of one Bill-To customer the user has billing access to, amounts in minor units " +
                "(exactly the balance unless the company takes partial payments; then at least the smaller of 50 and the balance), the total at least the provider's minimum (50). " +
                "paymentMethod.type: card with the pm_... id from Stripe.js; savedMethod with savedPaymentMethodId (omitted: the primary method); usBankAccount with the pm_... id and achAuthorization.accepted = true " +
                "(the text of GET /v1/portal/payment-options, the time, IP address and user agent are recorded). The balances are held before the charge, so concurrent payments never collect more than a balance. " +
                "Answers 201 with status succeeded; requiresAction with clientSecret (finish 3-D Secure with Stripe.js, then poll GET /v1/portal/payments/{id}); processing (bank debits settle in days); " +
                "failed with failure.code/declineCode/message (the holds are released: try another method with a new key); or pending when the provider could not be reached (it is settled within minutes). " +
                "409 payments_disabled / invoice_payment_off / payment_in_progress / amount_exceeds_balance; 404 for an invoice the user cannot pay; 422 invalid_amount (per field), several_bill_to_customers, amount_below_minimum, " +
                "payment_method_type_mismatch (a pm_... id of a bank account sent as card, or the reverse; checked before anything is charged); " +
                "429 too_many_failed_payments with Retry-After after 5 failed payments of the user (or portal-link session), 10 for one customer, or 10 from one IP address within an hour (card testing); " +
                "502 payment_provider_error when the provider refuses the request; 503 payment_provider_unavailable.")
            .Accepts<PayInvoicesRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity,
                StatusCodes.Status429TooManyRequests, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);

        payments.MapGet("/payments", ListPayments)
            .WithName("ListPortalPayments").WithSummary("My payments")
            .WithDescription("Payments of the customers the user has billing access to, newest first; ?billToCustomerId= keeps one. Cursor pagination (?limit= 1-100, default 25; ?after= a nextCursor).")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        payments.MapGet("/payments/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPortalPaymentQuery(id), ct)).ToOk())
            .WithName("GetPortalPayment").WithSummary("One of my payments")
            .WithDescription("Its status (poll it after 3-D Secure or while a bank debit is processing), amount, method, invoices paid, and the failure when it failed. 404 not_found for another customer's, a service-only customer's or another company's payment.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Pay invoices.</summary>
    /// <param name="body">Invoices, amounts and the payment method.</param>
    /// <param name="idempotencyKey">A unique value per payment (a UUID); send the same one when retrying.</param>
    /// <param name="context">The request.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<PaymentResultDto>, ProblemHttpResult>> Pay(
        [FromBody] PayInvoicesRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, HttpContext context, ISender sender, CancellationToken ct) =>
        (await sender.Send(new PayInvoicesCommand(idempotencyKey, body, OriginOf(context)), ct)).WithRetryAfter(context.Response).ToCreated(p => $"/v1/portal/payments/{p.Id}");

    /// <summary>My payments.</summary>
    /// <param name="billToCustomerId">Only this customer's payments.</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<PortalPaymentDetailDto>>, ProblemHttpResult>> ListPayments(
        [FromQuery] Guid? billToCustomerId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalPaymentsQuery(billToCustomerId, limit, after), ct));

    /// <summary>Where a request came from, as an ACH authorization records it.</summary>
    public static RequestOrigin OriginOf(HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString() ?? RequestOrigin.Unknown, context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : RequestOrigin.Unknown);
}
