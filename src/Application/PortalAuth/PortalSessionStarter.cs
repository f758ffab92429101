using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.PortalUsers;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>Starts sessions and hands out their tokens.</summary>
public sealed class PortalSessionStarter(IAppDbContext db, ISecrets secrets, IClock clock, IPortalAccessTokenIssuer issuer)
{
    public const string RefreshTokenPrefix = "rt_";

    /// <summary>Adds the session and its first refresh token to the context (the caller saves); answers the refresh token.</summary>
    public string Add(PortalSession session)
    {
        db.Set<PortalSession>().Add(session);
        return AddRefreshToken(session);
    }

    /// <summary>Adds a new refresh token to a session (the caller saves); answers it.</summary>
    public string AddRefreshToken(PortalSession session)
    {
        var refresh = secrets.NewSecret(RefreshTokenPrefix);
        db.Set<RefreshToken>().Add(RefreshToken.Issue(session, secrets.Hash(refresh), clock.UtcNow));
        return refresh;
    }

    /// <summary>Signs the access token for a saved session; outside any transaction, as signing may read the keys.</summary>
    public async Task<PortalTokens> TokensAsync(PortalSession session, string refreshToken, string issuerUrl, CancellationToken cancellationToken)
    {
        var subject = session.UserId?.ToString() ?? "link:" + session.LinkCustomerId;
        var access = await issuer.IssueAsync(new PortalAccessClaims(session.TenantId.Value, session.Id, subject), issuerUrl, cancellationToken);
        return new PortalTokens(access.Token, refreshToken, "Bearer", access.ExpiresInSeconds);
    }
}

/// <summary>A saved session with its first refresh token, started by any sign-in method.</summary>
/// <param name="Session">The saved session.</param>
/// <param name="RefreshToken">Its refresh token (the first-party endpoints hand it out; the token server issues its own).</param>
internal sealed record StartedSession(PortalSession Session, string RefreshToken);
