using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Tenants;
using HeadlessPortal.Application.Tenants.ChangeTenantHostName;
using HeadlessPortal.Application.Tenants.CreateTenant;
using HeadlessPortal.Application.Tenants.GetTenant;
using HeadlessPortal.Application.Tenants.ListTenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The platform operator's API: tenants. Authenticated by the X-Platform-Key header.</summary>
public static class PlatformEndpoints
{
    public static IEndpointRouteBuilder MapPlatformEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/v1/platform/tenants")
            .WithTags("Platform: tenants")
            .RequireAuthorization(PlatformKeyAuthenticationHandler.PolicyName)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status500InternalServerError);

        tenants.MapPost("/", CreateTenant)
            .WithName("CreateTenant")
            .WithSummary("Create a tenant")
            .WithDescription("Creates a field-service company. The host name names its portal: 5-63 lowercase letters, digits and hyphens, " +
                "no hyphen at either end, not reserved, unique across tenants. Account settings are optional; omitted fields take defaults " +
                "(display name = name, time zone America/New_York, currency usd).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        tenants.MapGet("/", ListTenants)
            .WithName("ListTenants")
            .WithSummary("List tenants")
            .WithDescription("Lists tenants, oldest first, with cursor pagination: pass the response's nextCursor as ?after= to read the next page.")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        tenants.MapGet("/{tenantId:guid}", GetTenant)
            .WithName("GetTenant")
            .WithSummary("Get a tenant")
            .WithDescription("Returns one tenant with its account settings.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        tenants.MapPut("/{tenantId:guid}/host-name", ChangeHostName)
            .WithName("ChangeTenantHostName")
            .WithSummary("Change a tenant's host name")
            .WithDescription("Moves the tenant's portal to a new host name under the same rules as at creation. " +
                "Setting the current host name again changes nothing.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        return app;
    }

    /// <param name="request">The tenant to create.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Created<TenantDto>, ProblemHttpResult>> CreateTenant(
        [FromBody] CreateTenantCommand request, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(request, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/v1/platform/tenants/{result.Value.Id}", result.Value)
            : result.Error!.ToProblem();
    }

    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page; omit for the first page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Ok<CursorPage<TenantDto>>> ListTenants(
        [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListTenantsQuery(limit, after), cancellationToken));

    /// <param name="tenantId">The tenant's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetTenant(
        Guid tenantId, ISender sender, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new GetTenantQuery(tenantId), cancellationToken));

    /// <param name="tenantId">The tenant's id.</param>
    /// <param name="request">The new host name.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> ChangeHostName(
        Guid tenantId, [FromBody] ChangeHostNameRequest request, ISender sender, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new ChangeTenantHostNameCommand(tenantId, request.HostName), cancellationToken));

    private static Results<Ok<TenantDto>, ProblemHttpResult> Respond(Result<TenantDto> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
}

/// <summary>A new host name for a tenant's portal.</summary>
/// <param name="HostName">5-63 lowercase letters, digits and hyphens; no hyphen at either end; not reserved.</param>
public sealed record ChangeHostNameRequest(string HostName);
