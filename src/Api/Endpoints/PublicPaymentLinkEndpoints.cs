using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PaymentLinks.ViewPaymentLink;
using Microsoft.AspNetCore.Http.HttpResults;

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
        return app;
    }

    /// <param name="token">The token= value of the payment link (pay_...).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PaymentLinkViewDto>, ProblemHttpResult>> ViewPaymentLink(string token, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ViewPaymentLinkQuery(token), ct)).ToOk();
}
