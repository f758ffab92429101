using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.EstimateLinks.ViewEstimateLink;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Direct estimate links as their holders use them: no account, the publishable key names the company.</summary>
public static class PublicEstimateLinkEndpoints
{
    public static IEndpointRouteBuilder MapPublicEstimateLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapPublicGroup().WithTags("Public: estimate links");
        group.MapGet("/estimate-links/{token}", ViewEstimateLink)
            .WithName("GetPublicEstimateLink").WithSummary("Open an estimate link")
            .WithDescription("The proposals an estimate link was sent with, and nothing else of the customer: for each its number, summary, status, options with their " +
                "lines and totals, financing offer link and location; the customer's name; the company's name, branding and contact details; whether the customer can " +
                "sign in to the portal instead (portal.signInAvailable, the sign-in methods offered and the portal's address); and when the link expires. No account. " +
                "The token is the token= value of the link; it belongs to the company of the X-Portal-Key. Unknown, expired and revoked tokens, another company's, " +
                "links whose proposals were all removed, and any link while the company does not take estimate approvals are all the same 404 not_found. " +
                "Rate limited per IP and per key like every public endpoint. Each visit is recorded for the office (lastViewedAt).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="token">The token= value of the estimate link (est_...).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EstimateLinkViewDto>, ProblemHttpResult>> ViewEstimateLink(string token, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ViewEstimateLinkQuery(token), ct)).ToOk();
}
