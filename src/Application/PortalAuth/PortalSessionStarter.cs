using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.PortalUsers;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>Starts sessions and has the token server issue their tokens.</summary>
public sealed class PortalSessionStarter(IAppDbContext db, IPortalTokenIssuer issuer)
{
    /// <summary>Refresh tokens of the first-party endpoints before the token server issued theirs; still accepted until they expire.</summary>
    public const string LegacyRefreshTokenPrefix = "rt_";

    /// <summary>Adds the session to the context (the caller saves).</summary>
    public void Add(PortalSession session) => db.Set<PortalSession>().Add(session);

    /// <summary>The token server's first token pair for a saved session; outside any transaction, as the token server records its tokens.</summary>
    public Task<PortalTokens> TokensAsync(PortalSession session, CancellationToken cancellationToken) =>
        issuer.IssueAsync(ClaimsOf(session), cancellationToken);

    /// <summary>What the session's access tokens say.</summary>
    public static PortalAccessClaims ClaimsOf(PortalSession session) =>
        new(session.TenantId.Value, session.Id, session.UserId?.ToString() ?? "link:" + session.LinkCustomerId);
}

/// <summary>A saved session, started by any sign-in method.</summary>
/// <param name="Session">The saved session.</param>
internal sealed record StartedSession(PortalSession Session);
