namespace HeadlessPortal.Application.Auth;

/// <summary>What an access token says about its bearer.</summary>
public sealed record AccessTokenClaims(Guid TenantId, string ClientId, IReadOnlyList<string> Scopes);

/// <summary>A signed access token and its lifetime.</summary>
public sealed record IssuedToken(string Token, int ExpiresInSeconds);

/// <summary>Signs access tokens with the current signing key.</summary>
public interface IAccessTokenIssuer
{
    Task<IssuedToken> IssueAsync(AccessTokenClaims claims, string issuer, CancellationToken cancellationToken);
}
