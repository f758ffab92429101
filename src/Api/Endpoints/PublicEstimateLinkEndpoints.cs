using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.EstimateLinks.AcceptLinkProposal;
using HeadlessPortal.Application.EstimateLinks.DeclineLinkProposal;
using HeadlessPortal.Application.EstimateLinks.GetLinkProposal;
using HeadlessPortal.Application.EstimateLinks.GetLinkProposalDocument;
using HeadlessPortal.Application.EstimateLinks.ViewEstimateLink;
using HeadlessPortal.Application.PortalProposals;
using HeadlessPortal.Application.Proposals;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Direct estimate links as their holders use them: no account, the publishable key names the company.</summary>
public static class PublicEstimateLinkEndpoints
{
    private const string LinkAccess =
        "The token is the token= value of the link, of the company of the X-Portal-Key; the proposal must be one the link was sent with. Unknown, expired and revoked tokens, " +
        "another company's, a proposal the link was not sent with or the company removed, and any while the company does not take estimate approvals are all the same 404 not_found. " +
        "Rate limited per IP and per key like every public endpoint.";

    public static IEndpointRouteBuilder MapPublicEstimateLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapPublicGroup().WithTags("Public: estimate links");
        group.MapGet("/estimate-links/{token}", ViewEstimateLink)
            .WithName("GetPublicEstimateLink").WithSummary("Open an estimate link")
            .WithDescription("The proposals an estimate link was sent with, and nothing else of the customer: each exactly as GET /v1/portal/proposals/{id} shows it (options " +
                "with their ids and lines, the recommended option, expiry, terms, financing offer link, location, the customer's decision once made, canDecide with its reason, " +
                "documentSha256 and the consent text), its documentUrl being the link's own route to the PDF; the customer's name; the company's name, branding and contact " +
                "details; whether the customer can sign in to the portal instead (portal.signInAvailable, the sign-in methods offered and the portal's address); and when the " +
                "link expires. No account. The token is the token= value of the link; it belongs to the company of the X-Portal-Key. Unknown, expired and revoked tokens, " +
                "another company's, links whose proposals were all removed, and any link while the company does not take estimate approvals are all the same 404 not_found. " +
                "Rate limited per IP and per key like every public endpoint. Each visit is recorded for the office (lastViewedAt).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/estimate-links/{token}/proposals/{id}", async (string token, string id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new GetLinkProposalQuery(token, id), ct)).ToOk())
            .WithName("GetEstimateLinkProposal").WithSummary("One estimate of an estimate link")
            .WithDescription("The proposal exactly as GET /v1/portal/proposals/{id} shows it, its documentUrl on the link's route. " + LinkAccess)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/estimate-links/{token}/proposals/{id}/document", async (string token, string id, HttpContext context, ISender sender, CancellationToken ct) =>
                PortalProposalEndpoints.DocumentResult(await sender.Send(new GetLinkProposalDocumentQuery(token, id, PortalProposalEndpoints.IfNoneMatchOf(context)), ct), context))
            .WithName("GetEstimateLinkProposalDocument").WithSummary("One estimate of an estimate link as a PDF")
            .WithDescription("The same PDF as GET /v1/portal/proposals/{id}/document, with the same ETag (If-None-Match answers 304) and Cache-Control: private, no-cache. " + LinkAccess)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPost("/estimate-links/{token}/proposals/{id}/acceptance", Accept)
            .WithName("AcceptEstimateLinkProposal").WithSummary("Accept an estimate through its link")
            .WithDescription("Exactly as POST /v1/portal/proposals/{id}/acceptance: Idempotency-Key header required (keys belong to the link), body { optionId, documentSha256, " +
                "agreedToTerms: true, signature }, 201 with the decision, the same 409 and 422 answers. The evidence records the link instead of a portal user (channel link; " +
                "the audit entry says \"via link\"), and the signer's confirmation goes to the customer's contacts with billing access. " + LinkAccess)
            .Accepts<AcceptProposalRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/estimate-links/{token}/proposals/{id}/decline", Decline)
            .WithName("DeclineEstimateLinkProposal").WithSummary("Decline an estimate through its link")
            .WithDescription("Exactly as POST /v1/portal/proposals/{id}/decline: Idempotency-Key header required, body { reason? } (at most 2000 characters), 201 with the " +
                "decision, 409 proposal_already_decided or proposal_expired, 422 idempotency_key_reused. Recorded as through the link. " + LinkAccess)
            .Accepts<DeclineProposalRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <param name="token">The token= value of the estimate link (est_...).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EstimateLinkViewDto>, ProblemHttpResult>> ViewEstimateLink(string token, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ViewEstimateLinkQuery(token), ct)).ToOk();

    /// <summary>Accept an estimate through its link.</summary>
    /// <param name="token">The token= value of the estimate link (est_...).</param>
    /// <param name="id">The proposal's id.</param>
    /// <param name="body">The option, the document version, the signature and the agreement.</param>
    /// <param name="idempotencyKey">A unique value per decision (a UUID); send the same one when retrying.</param>
    /// <param name="context">The request.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<ProposalDecisionDto>, ProblemHttpResult>> Accept(
        string token, string id, [FromBody] AcceptProposalRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, HttpContext context,
        ISender sender, CancellationToken ct) =>
        (await sender.Send(new AcceptLinkProposalCommand(token, id, idempotencyKey, body, PortalPaymentEndpoints.OriginOf(context)), ct))
        .ToCreated(_ => $"/v1/public/estimate-links/{Uri.EscapeDataString(token)}/proposals/{id}");

    /// <summary>Decline an estimate through its link.</summary>
    /// <param name="token">The token= value of the estimate link (est_...).</param>
    /// <param name="id">The proposal's id.</param>
    /// <param name="body">An optional reason.</param>
    /// <param name="idempotencyKey">A unique value per decision (a UUID); send the same one when retrying.</param>
    /// <param name="context">The request.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<ProposalDecisionDto>, ProblemHttpResult>> Decline(
        string token, string id, [FromBody] DeclineProposalRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, HttpContext context,
        ISender sender, CancellationToken ct) =>
        (await sender.Send(new DeclineLinkProposalCommand(token, id, idempotencyKey, body, PortalPaymentEndpoints.OriginOf(context)), ct))
        .ToCreated(_ => $"/v1/public/estimate-links/{Uri.EscapeDataString(token)}/proposals/{id}");
}
