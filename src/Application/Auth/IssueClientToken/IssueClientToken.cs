using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Auth.IssueClientToken;

/// <summary>The OAuth2 client-credentials grant (RFC 6749 section 4.4).</summary>
/// <param name="ClientId">The client's id.</param>
/// <param name="ClientSecret">The client's secret.</param>
/// <param name="Scope">Space-separated scopes requested; omitted means every scope of the client's role.</param>
/// <param name="Issuer">The issuer to name in the token.</param>
public sealed record IssueClientTokenQuery(string ClientId, string ClientSecret, string? Scope, string Issuer) : IQuery<Result<ClientTokenResponse>>;

/// <summary>The token response of RFC 6749 section 5.1, before its JSON names are applied.</summary>
public sealed record ClientTokenResponse(string AccessToken, int ExpiresIn, string Scope);

/// <summary>OAuth error codes of RFC 6749 section 5.2.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidScope = "invalid_scope";
    public const string UnsupportedGrantType = "unsupported_grant_type";
}

internal sealed class IssueClientTokenHandler(IAppDbContext db, ISecrets secrets, IAccessTokenIssuer issuer)
    : IQueryHandler<IssueClientTokenQuery, Result<ClientTokenResponse>>
{
    public async ValueTask<Result<ClientTokenResponse>> Handle(IssueClientTokenQuery request, CancellationToken cancellationToken)
    {
        // The token endpoint has no tenant context: the client id alone names the client, across tenants.
        var client = await db.ApiClients.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(c => c.ClientId == request.ClientId, cancellationToken);
        var secretMatches = client is not null && secrets.Verify(request.ClientSecret, client.SecretHash);
        if (client is null || !secretMatches || client.IsRevoked)
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

        var token = await issuer.IssueAsync(new AccessTokenClaims(client.TenantId.Value, client.ClientId, granted), request.Issuer, cancellationToken);
        return new ClientTokenResponse(token.Token, token.ExpiresInSeconds, string.Join(' ', granted));
    }
}
