using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.ApiClients;
using HeadlessPortal.Application.ApiClients.CreateApiClient;
using HeadlessPortal.Application.Common.Errors;
using Mediator;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Tenants;
using HeadlessPortal.Application.Tenants.ChangeTenantHostName;
using HeadlessPortal.Application.Tenants.CreateTenant;
using HeadlessPortal.Application.Tenants.GetTenant;
using HeadlessPortal.Application.Tenants.ListTenants;
using HeadlessPortal.Infrastructure.Auth;
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

        tenants.MapPost("/{tenantId:guid}/api-clients", CreateApiClient)
            .WithName("CreateTenantApiClient")
            .WithSummary("Create an API client for a tenant")
            .WithDescription("How a new tenant gets its first admin credential. The response holds the client secret: store it now, it is shown once.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        app.MapPost("/v1/platform/signing-keys/rotate", RotateSigningKey)
            .WithTags("Platform: token service")
            .WithName("RotateSigningKey")
            .WithSummary("Rotate the token signing key")
            .WithDescription("New tokens are signed with a new ES256 key at once; the previous key stays published in JWKS until the tokens it signed expire.")
            .RequireAuthorization(PlatformKeyAuthenticationHandler.PolicyName)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status500InternalServerError);
        return app;
    }

    /// <param name="tenantId">The tenant.</param>
    /// <param name="request">Name and role.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Created<ApiClientCredentialsDto>, ProblemHttpResult>> CreateApiClient(
        Guid tenantId, [FromBody] CreateApiClientRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new CreateApiClientCommand(tenantId, request.Name, request.Role), cancellationToken);
        return result.ToCreated(c => $"/v1/platform/tenants/{tenantId}/api-clients/{c.Id}");
    }

    /// <param name="keys">The signing keys.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Ok<SigningKeyResponse>> RotateSigningKey(SigningKeyStore keys, CancellationToken cancellationToken)
    {
        var key = await keys.RotateAsync(cancellationToken);
        return TypedResults.Ok(new SigningKeyResponse(key.Kid, key.CreatedAt));
    }

    /// <param name="request">The tenant to create.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Created<TenantDto>, ProblemHttpResult>> CreateTenant(
        [FromBody] CreateTenantCommand request, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(request, cancellationToken);
        return result.ToCreated(t => $"/v1/platform/tenants/{t.Id}");
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
        (await sender.Send(new GetTenantQuery(tenantId), cancellationToken)).ToOk();

    /// <param name="tenantId">The tenant's id.</param>
    /// <param name="request">The new host name.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> ChangeHostName(
        Guid tenantId, [FromBody] ChangeHostNameRequest request, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ChangeTenantHostNameCommand(tenantId, request.HostName), cancellationToken)).ToOk();
}

/// <summary>The key now signing tokens.</summary>
/// <param name="Kid">Its key id, as in JWKS and the tokens' header.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record SigningKeyResponse(string Kid, DateTimeOffset CreatedAt);

/// <summary>A new host name for a tenant's portal.</summary>
/// <param name="HostName">5-63 lowercase letters, digits and hyphens; no hyphen at either end; not reserved.</param>
public sealed record ChangeHostNameRequest(string HostName);
