using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.PaymentLinks.ViewPaymentLink;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Payments.PayByLink;
using Microsoft.AspNetCore.Mvc;
using HeadlessPortal.Application.Payments.GetLinkPayment;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Direct payment links as their holders use them: no account, the publishable key names the company.</summary>
public static class PublicPaymentLinkEndpoints
{
    public static IEndpointRouteBuilder MapPublicPaymentLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapPublicGroup().WithTags("Public: payment links");
        group.MapGet("/payment-links/{token}", ViewPaymentLink)
            .WithName("GetPublicPaymentLink").WithSummary("Open a payment link")
            .WithDescription("The one invoice a payment link grants, as a signed-in customer would see it (lines, totals, balance, payments, the job, and payment: whether it " +
                "can be paid now and how), with the company's name, branding and contact details and when the link expires. No account and no saved payment methods. " +
                "The token is the token= value of the link; it belongs to the company of the X-Portal-Key. Unknown, expired and revoked tokens, another company's, " +
                "and links to an invoice the company removed are all the same 404 not_found. Each visit is recorded for the office (lastViewedAt).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPost("/payment-links/{token}/payments", PayByLink)
            .WithName("PayPaymentLink").WithSummary("Pay the invoice of a payment link")
            .WithDescription("Pays the link's one invoice without an account and without saved methods: body { amount? (minor units; omitted, the whole balance; less only when the company takes partial payments), " +
                "paymentMethod: { type: card | usBankAccount, paymentMethodId: the pm_... from Stripe.js, achAuthorization: { accepted: true } for bank accounts }, receiptEmail? }. " +
                "Idempotency-Key header required, as for POST /v1/portal/payments, and the same answers: 201 { id, status, amount, clientSecret?, failure? }, 409 payments_disabled / " +
                "invoice_payment_off / payment_in_progress / amount_exceeds_balance, 422 invalid_amount / amount_below_minimum / idempotency_key_reused / payment_method_type_mismatch, 502/503 when Stripe refuses or cannot be reached. " +
                "An unknown, expired or revoked link is 404 not_found. After 5 failed payments in an hour through the link, or 10 from one IP address, it answers 429 too_many_failed_payments with Retry-After (it works without an account, so it must not serve card testing).")
            .Accepts<PayByLinkRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity,
                StatusCodes.Status429TooManyRequests, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/payment-links/{token}/payments/{id:guid}", async (string token, Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetLinkPaymentQuery(token, id), ct)).ToOk())
            .WithName("GetPaymentLinkPayment").WithSummary("A payment made through a payment link")
            .WithDescription("Its status, for the page to poll after 3-D Secure or while a bank debit is processing: { id, status, amount, clientSecret?, failure? }. 404 not_found unless the payment was made through this (still valid) link.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Pay a payment link's invoice.</summary>
    /// <param name="token">The token= value of the payment link (pay_...).</param>
    /// <param name="body">Amount, method and where the receipt goes.</param>
    /// <param name="idempotencyKey">A unique value per payment (a UUID); send the same one when retrying.</param>
    /// <param name="context">The request.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<PaymentResultDto>, ProblemHttpResult>> PayByLink(
        string token, [FromBody] PayByLinkRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, HttpContext context, ISender sender, CancellationToken ct) =>
        (await sender.Send(new PayByLinkCommand(token, idempotencyKey, body, PortalPaymentEndpoints.OriginOf(context)), ct))
            .WithRetryAfter(context.Response)
            .ToCreated(p => $"/v1/public/payment-links/{Uri.EscapeDataString(token)}/payments/{p.Id}");

    /// <param name="token">The token= value of the payment link (pay_...).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PaymentLinkViewDto>, ProblemHttpResult>> ViewPaymentLink(string token, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ViewPaymentLinkQuery(token), ct)).ToOk();
}
