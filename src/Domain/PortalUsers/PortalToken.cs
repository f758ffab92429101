using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.PortalUsers;

/// <summary>What a one-time token emailed to a person lets them do.</summary>
public enum PortalTokenPurpose
{
    Invitation,
    MagicLink,
    PasswordReset,
}

/// <summary>
/// A one-time token sent by email: 256 random bits, only its hash stored, single use, short-lived
/// (PRODUCT.md#security-baseline). The email it was sent to is the identity it proves.
/// </summary>
public sealed class PortalToken : ITenantOwned
{
    private PortalToken()
    {
        TokenHash = null!;
        Email = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public PortalTokenPurpose Purpose { get; private set; }

    public string TokenHash { get; private set; }

    public string Email { get; private set; }

    /// <summary>For invitations: the portal contact the office invited.</summary>
    public Guid? ContactId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static TimeSpan LifetimeOf(PortalTokenPurpose purpose) => purpose switch
    {
        PortalTokenPurpose.Invitation => TimeSpan.FromDays(7),
        PortalTokenPurpose.MagicLink => TimeSpan.FromMinutes(10),
        PortalTokenPurpose.PasswordReset => TimeSpan.FromMinutes(30),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    public static PortalToken Issue(TenantId tenantId, PortalTokenPurpose purpose, string tokenHash, string email, Guid? contactId, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        Purpose = purpose,
        TokenHash = tokenHash,
        Email = PortalUser.NormalizeEmail(email),
        ContactId = contactId,
        CreatedAt = now,
        ExpiresAt = now + LifetimeOf(purpose),
    };

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>Spends the token; false when it was already used or has expired.</summary>
    public bool TryUse(DateTimeOffset now)
    {
        if (!IsUsable(now))
        {
            return false;
        }

        UsedAt = now;
        return true;
    }
}
