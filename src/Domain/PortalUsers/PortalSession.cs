using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.PortalUsers;

/// <summary>How a session began.</summary>
public enum SignInMethodUsed
{
    Password,
    MagicLink,
    Invitation,
    PasswordReset,
    PhoneLastFour,
}

/// <summary>Why a session ended early.</summary>
public enum SessionEndReason
{
    SignedOut,
    SignedOutEverywhere,
    PasswordChanged,
    RefreshTokenReused,
    AccessRevoked,
}

/// <summary>
/// One signed-in device: the family of refresh tokens that descend from one sign-in. Access tokens name their
/// session, and every request checks it is still open, so ending a session bites at once.
/// </summary>
public sealed class PortalSession : ITenantOwned
{
    /// <summary>However often it is refreshed, a session ends this long after sign-in.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromDays(30);

    private PortalSession()
    {
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The signed-in user; null for a portal-link session, which is tied to one customer instead.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>For a portal-link session (phone last four): the one customer it may see.</summary>
    public Guid? LinkCustomerId { get; private set; }

    public SignInMethodUsed Method { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? LastRefreshedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public SessionEndReason? EndReason { get; private set; }

    public static PortalSession ForUser(TenantId tenantId, Guid userId, SignInMethodUsed method, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        UserId = userId,
        Method = method,
        CreatedAt = now,
        ExpiresAt = now + AbsoluteLifetime,
    };

    public static PortalSession ForPortalLink(TenantId tenantId, Guid customerId, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        LinkCustomerId = customerId,
        Method = SignInMethodUsed.PhoneLastFour,
        CreatedAt = now,
        ExpiresAt = now + AbsoluteLifetime,
    };

    public bool IsActive(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    public void Refreshed(DateTimeOffset now) => LastRefreshedAt = now;

    /// <summary>Ends the session; the first reason given is kept.</summary>
    public void End(SessionEndReason reason, DateTimeOffset now)
    {
        if (EndedAt is not null)
        {
            return;
        }

        EndedAt = now;
        EndReason = reason;
    }
}

/// <summary>
/// An opaque refresh token (stored hashed). Each use replaces it with a new one; presenting one that was
/// already used means it was copied, so the whole session ends.
/// </summary>
public sealed class RefreshToken : ITenantOwned
{
    private RefreshToken()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid SessionId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static RefreshToken Issue(PortalSession session, string tokenHash, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = session.TenantId,
        SessionId = session.Id,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = session.ExpiresAt,
    };

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public void MarkUsed(DateTimeOffset now) => UsedAt ??= now;
}
