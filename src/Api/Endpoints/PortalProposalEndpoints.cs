using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using AppErrors = HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.PortalProposals;
using HeadlessPortal.Application.PortalProposals.AcceptPortalProposal;
using HeadlessPortal.Application.PortalProposals.DeclinePortalProposal;
using HeadlessPortal.Application.PortalProposals.GetPortalProposal;
using HeadlessPortal.Application.PortalProposals.GetPortalProposalDocument;
using HeadlessPortal.Application.PortalProposals.ListPortalProposals;
using HeadlessPortal.Application.ProposalDocuments;
using HeadlessPortal.Application.Proposals;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The signed-in customer's estimates: read, download, accept with a signature, decline.</summary>
public static class PortalProposalEndpoints
{
    private const string Access =
        "Only proposals of customers the user has billing access to, while the company takes estimate approvals in the portal (GET /v1/public/portal features.estimateApproval); " +
        "any other id (unknown, another customer's, a service-only customer's, another company's, or any while estimate approval is off) is 404 not_found.";

    public static IEndpointRouteBuilder MapPortalProposalEndpoints(this IEndpointRouteBuilder app)
    {
        var proposals = app.MapSignedInPortalGroup("Portal: estimates");

        proposals.MapGet("/proposals", List)
            .WithName("ListPortalProposals").WithSummary("My estimates")
            .WithDescription(
                "Proposals of the customers the user has billing access to: open first, then the newest. ?status= open, accepted, declined or expired (the customer's own decision first, " +
                "then the company's status, then the expiry at the end of expiresOn in the company's time zone); ?billToCustomerId= and ?locationId= keep one customer or location. " +
                "Cursor pagination (?limit= 1-100, default 25; ?after= a nextCursor). Empty while the company does not take estimate approvals in the portal.")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        proposals.MapGet("/proposals/{id}", async (string id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPortalProposalQuery(id), ct)).ToOk())
            .WithName("GetPortalProposal").WithSummary("One of my estimates")
            .WithDescription(
                "The options with their lines and totals, the recommended option, expiry, terms, financing offer link, the related job, location and equipment, the customer's decision " +
                "once made, canDecide with its reason when false (proposal_already_decided, proposal_expired), the consent text the signer agrees to, and documentSha256: the version " +
                "of the estimate as shown, to send back with the acceptance (it is also the PDF's ETag). " + Access)
            .ProducesProblems(StatusCodes.Status404NotFound);

        proposals.MapGet("/proposals/{id}/document", Document)
            .WithName("GetPortalProposalDocument").WithSummary("An estimate as a PDF")
            .WithDescription(
                "The estimate rendered as a PDF: the company's branding, the customer and location, each option with its lines and totals, terms and expiry; once accepted, the chosen " +
                "option, the signature, the signer, the time in the company's time zone and the evidence's reference. ETag: the documentSha256 of the detail answer while open " +
                "(followed by the decision's reference once decided); If-None-Match with it answers 304. Cache-Control: private, no-cache. " + Access)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status404NotFound);

        proposals.MapPost("/proposals/{id}/acceptance", Accept)
            .WithName("AcceptPortalProposal").WithSummary("Accept an estimate with a signature")
            .WithDescription(
                "Requires an Idempotency-Key header (a new UUID per decision, the same one when retrying): a replay answers the first decision; the same key with another body is " +
                "422 idempotency_key_reused. Body: optionId (an option's id), documentSha256 (from the detail answer the customer read), agreedToTerms: true (the consent text of the " +
                "detail answer), and signature { type: \"typed\", name } or { type: \"drawn\", name, image: \"data:image/png;base64,...\" } (a real PNG of at most 200 KB and " +
                "2000×1000 pixels). Records the evidence: option, signature, consent text and version, time, IP address, user agent, document version, channel and user. " +
                "Answers 201 with the decision. 409 proposal_already_decided (also for all but one of concurrent decisions), proposal_expired, proposal_changed (the estimate changed " +
                "since it was read: read it again); 422 invalid_signature (signature.image is not an acceptable PNG), unknown_option; 400 validation_failed. " + Access)
            .Accepts<AcceptProposalRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        proposals.MapPost("/proposals/{id}/decline", Decline)
            .WithName("DeclinePortalProposal").WithSummary("Decline an estimate")
            .WithDescription(
                "Requires an Idempotency-Key header, as acceptance does. Body: an optional reason (at most 2000 characters). Answers 201 with the decision. " +
                "409 proposal_already_decided or proposal_expired; 422 idempotency_key_reused. " + Access)
            .Accepts<DeclineProposalRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>My estimates.</summary>
    /// <param name="status">open, accepted, declined or expired.</param>
    /// <param name="billToCustomerId">Only this customer's proposals.</param>
    /// <param name="locationId">Only proposals for this location.</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<PortalProposalListItemDto>>> List(
        [FromQuery] string? status, [FromQuery] Guid? billToCustomerId, [FromQuery] Guid? locationId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListPortalProposalsQuery(status, billToCustomerId, locationId, limit, after), ct));

    /// <summary>The estimate as a PDF.</summary>
    /// <param name="id">The proposal's id.</param>
    /// <param name="context">The request (If-None-Match) and response (ETag, Cache-Control).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<IResult> Document(string id, HttpContext context, ISender sender, CancellationToken ct) =>
        DocumentResult(await sender.Send(new GetPortalProposalDocumentQuery(id, IfNoneMatchOf(context)), ct), context);

    /// <summary>The entity tags of If-None-Match ("*" for any).</summary>
    internal static IReadOnlyList<string> IfNoneMatchOf(HttpContext context) =>
        EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var tags)
            ? tags.Select(t => t.Equals(EntityTagHeaderValue.Any) ? "*" : t.Tag.Value!).ToList()
            : [];

    /// <summary>The PDF (or 304 when the caller's copy is current) with its ETag, never stored by shared caches.</summary>
    internal static IResult DocumentResult(AppErrors.Result<ProposalDocumentFile> result, HttpContext context)
    {
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value;
        context.Response.Headers.ETag = file.ETag;
        context.Response.Headers.CacheControl = "private, no-cache";
        return file.Content is null
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.File(file.Content, "application/pdf", file.FileName);
    }

    /// <summary>Accept an estimate.</summary>
    /// <param name="id">The proposal's id.</param>
    /// <param name="body">The option, the document version, the signature and the agreement.</param>
    /// <param name="idempotencyKey">A unique value per decision (a UUID); send the same one when retrying.</param>
    /// <param name="context">The request.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<ProposalDecisionDto>, ProblemHttpResult>> Accept(
        string id, [FromBody] AcceptProposalRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, HttpContext context, ISender sender,
        CancellationToken ct) =>
        (await sender.Send(new AcceptPortalProposalCommand(id, idempotencyKey, body, PortalPaymentEndpoints.OriginOf(context)), ct))
        .ToCreated(_ => $"/v1/portal/proposals/{id}");

    /// <summary>Decline an estimate.</summary>
    /// <param name="id">The proposal's id.</param>
    /// <param name="body">An optional reason.</param>
    /// <param name="idempotencyKey">A unique value per decision (a UUID); send the same one when retrying.</param>
    /// <param name="context">The request.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<ProposalDecisionDto>, ProblemHttpResult>> Decline(
        string id, [FromBody] DeclineProposalRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, HttpContext context, ISender sender,
        CancellationToken ct) =>
        (await sender.Send(new DeclinePortalProposalCommand(id, idempotencyKey, body, PortalPaymentEndpoints.OriginOf(context)), ct))
        .ToCreated(_ => $"/v1/portal/proposals/{id}");
}
