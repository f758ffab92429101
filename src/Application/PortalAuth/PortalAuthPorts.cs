using HeadlessPortal.Application.Common.Errors;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>The outcome of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, and the hash should be replaced with one made with today's parameters.</summary>
    SuccessRehashNeeded,
}

/// <summary>Hashes people's passwords (ASP.NET Core Identity's PasswordHasher: PBKDF2 with a salt).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

/// <summary>A list of passwords too common to allow.</summary>
public interface ICommonPasswords
{
    /// <summary>Compared without regard to case.</summary>
    bool Contains(string password);
}

/// <summary>What a portal access token says: the tenant, the session and who is in it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="SessionId">The session; every request checks it is still open.</param>
/// <param name="Subject">The user id, or "link:{customerId}" for a portal-link session.</param>
public sealed record PortalAccessClaims(Guid TenantId, Guid SessionId, string Subject);

/// <summary>
/// The token server, for the first-party sign-in endpoints: it issues, rotates and revokes their tokens as it does a
/// front-end app's (docs/decisions/0016-first-party-sign-in-through-the-token-server.md).
/// </summary>
public interface IPortalTokenIssuer
{
    /// <summary>An access token and a refresh token for a session just started.</summary>
    Task<PortalTokens> IssueAsync(PortalAccessClaims claims, CancellationToken cancellationToken);

    /// <summary>
    /// A new pair for a refresh token of the current tenant, which is spent. Presenting a spent one again ends its session
    /// (refresh_token_reused); an unknown, expired or revoked one, or one whose session has ended, is invalid_refresh_token.
    /// </summary>
    Task<Result<PortalTokens>> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes a refresh token and ends its session; nothing happens for a token that is not one.</summary>
    Task RevokeAsync(string refreshToken, CancellationToken cancellationToken);
}
