namespace HeadlessPortal.Application.Portal;

/// <summary>The signed-in session of the current portal request, once its access token checked out.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="UserId">The user; null for a portal-link session.</param>
/// <param name="Email">The user's email; null for a portal-link session.</param>
/// <param name="LinkCustomerId">For a portal-link session, its one customer.</param>
/// <param name="ExpiresAt">When the session ends at the latest.</param>
public sealed record PortalSessionInfo(Guid SessionId, Guid? UserId, string? Email, Guid? LinkCustomerId, DateTimeOffset ExpiresAt);

/// <summary>Who is signed in for this request (set by the portal authentication handler).</summary>
public sealed class CurrentPortalSession
{
    public PortalSessionInfo? Value { get; private set; }

    public PortalSessionInfo Required => Value ?? throw new InvalidOperationException("No portal session in this request.");

    public void Set(PortalSessionInfo session) => Value = session;
}
