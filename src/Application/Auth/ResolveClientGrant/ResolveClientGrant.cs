using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Auth.ResolveClientGrant;

/// <summary>
/// What a client-credentials token (RFC 6749 section 4.4) says about an API client the token server has already
/// authenticated: its tenant and the scopes it gets.
/// </summary>
/// <param name="ClientId">The authenticated client's id.</param>
/// <param name="Scope">Space-separated scopes requested; omitted means every scope of the client's role.</param>
public sealed record ResolveClientGrantQuery(string ClientId, string? Scope) : IQuery<Result<ClientGrant>>;

/// <summary>The claims of an API client's access token.</summary>
/// <param name="TenantId">The client's tenant.</param>
/// <param name="ClientId">The client id.</param>
/// <param name="Scopes">The scopes granted.</param>
public sealed record ClientGrant(Guid TenantId, string ClientId, IReadOnlyList<string> Scopes);

/// <summary>OAuth error codes of RFC 6749 section 5.2.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidScope = "invalid_scope";
    public const string UnsupportedGrantType = "unsupported_grant_type";
}

internal sealed class ResolveClientGrantHandler(IAppDbContext db) : IQueryHandler<ResolveClientGrantQuery, Result<ClientGrant>>
{
    public async ValueTask<Result<ClientGrant>> Handle(ResolveClientGrantQuery request, CancellationToken cancellationToken)
    {
        // The token endpoint has no tenant context: the client id alone names the client, across tenants.
        var client = await db.ApiClients.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(c => c.ClientId == request.ClientId, cancellationToken);
        if (client is null || client.IsRevoked)
        {
            return new Error(ErrorKind.Unauthorized, OAuthErrors.InvalidClient, "Client authentication failed.");
        }

        var requested = (request.Scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var granted = requested.Length == 0 ? client.Scopes : requested.Distinct(StringComparer.Ordinal).ToList();
        var unknown = granted.Except(client.Scopes, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return new Error(ErrorKind.Unprocessable, OAuthErrors.InvalidScope, $"The client may not request: {string.Join(' ', unknown)}.");
        }

        return new ClientGrant(client.TenantId.Value, client.ClientId, granted);
    }
}
