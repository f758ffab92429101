using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.EstimateLinks;
using HeadlessPortal.Application.EstimateLinks.CreateEstimateLink;
using HeadlessPortal.Application.EstimateLinks.GetEstimateLink;
using HeadlessPortal.Application.EstimateLinks.ListEstimateLinks;
using HeadlessPortal.Application.EstimateLinks.RevokeEstimateLink;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The office's direct estimate links: made for some of a customer's proposals, listed, revoked.</summary>
public static class AdminEstimateLinkEndpoints
{
    public static IEndpointRouteBuilder MapAdminEstimateLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin: estimate links")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        admin.MapPost("/customers/{externalId}/estimate-links", CreateEstimateLink)
            .WithName("CreateEstimateLink").WithSummary("Create an estimate link for some of a customer's proposals")
            .WithDescription("A direct link to send the customer (by email, SMS, ...): whoever opens it sees these proposals, and nothing else of the customer, without an " +
                "account, until it expires or is revoked, while the company takes estimate approvals. Body { proposalIds: 1 to 20 back-office ids of this customer's " +
                "proposals, each once; expiresInDays?: 1 to the configured maximum (EstimateLinks:MaxDays, 90), the configured default (EstimateLinks:DefaultDays, 30) " +
                "when omitted }. The response holds the token and URL: they are shown only now. 404 not_found for an unknown or removed customer; 422 " +
                "proposal_not_of_customer when a proposal is unknown, removed or another customer's (the detail names them).")
            .RequireScope(Scopes.PaymentsWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        admin.MapGet("/customers/{externalId}/estimate-links", ListEstimateLinks)
            .WithName("ListEstimateLinks").WithSummary("A customer's estimate links")
            .WithDescription("Newest first, without tokens, each with its proposals, status (active, expired, revoked), who made it (an API client, or system for the " +
                "link of the estimate email) and when it was last opened. Cursor pagination. 404 not_found for an unknown customer.")
            .RequireScope(Scopes.PaymentsRead)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        admin.MapGet("/estimate-links/{id:guid}", GetEstimateLink)
            .WithName("GetEstimateLink").WithSummary("An estimate link")
            .WithDescription("One estimate link, without its token. 404 not_found for an unknown id or another company's link.")
            .RequireScope(Scopes.PaymentsRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapPost("/estimate-links/{id:guid}/revoke", RevokeEstimateLink)
            .WithName("RevokeEstimateLink").WithSummary("Revoke an estimate link")
            .WithDescription("The link stops working at once (opening it is then 404 like an unknown link). Revoking a revoked link answers the same link again and " +
                "changes nothing. No body. 404 not_found for an unknown id or another company's link.")
            .RequireScope(Scopes.PaymentsWrite)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="externalId">The customer's id in the back office.</param>
    /// <param name="request">The proposals and how long the link works.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<CreatedEstimateLinkDto>, ProblemHttpResult>> CreateEstimateLink(
        string externalId, [FromBody] CreateEstimateLinkRequest request, ISender sender, CancellationToken ct) =>
        (await sender.Send(new CreateEstimateLinkCommand(externalId, request.ProposalIds, request.ExpiresInDays), ct)).ToCreated(l => $"/v1/admin/estimate-links/{l.Id}");

    /// <param name="externalId">The customer's id in the back office.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<EstimateLinkDto>>, ProblemHttpResult>> ListEstimateLinks(
        string externalId, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ListEstimateLinksQuery(externalId, limit, after), ct)).ToOk();

    /// <param name="id">The link's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EstimateLinkDto>, ProblemHttpResult>> GetEstimateLink(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetEstimateLinkQuery(id), ct)).ToOk();

    /// <param name="id">The link's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<EstimateLinkDto>, ProblemHttpResult>> RevokeEstimateLink(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new RevokeEstimateLinkCommand(id), ct)).ToOk();
}

/// <summary>A new estimate link.</summary>
/// <param name="ProposalIds">The back office's ids of the customer's proposals the link shows: 1 to 20, each once.</param>
/// <param name="ExpiresInDays">Days it works, 1 to the configured maximum (90 by default); the configured default (30) when omitted.</param>
public sealed record CreateEstimateLinkRequest(IReadOnlyList<string>? ProposalIds, int? ExpiresInDays);
