using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.PortalUsers;

/// <summary>
/// A person who signs in to a tenant's portal, identified by email within the tenant (PRODUCT.md#billing-access). Which
/// customers they see is not stored here: it follows from the portal contacts that list their email.
/// </summary>
public sealed class PortalUser : ITenantOwned
{
    private PortalUser()
    {
        Email = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>Lowercase.</summary>
    public string Email { get; private set; }

    /// <summary>Null until the user sets a password (magic-link users may never set one).</summary>
    public string? PasswordHash { get; private set; }

    public DateTimeOffset EmailVerifiedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PasswordChangedAt { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>Failed password attempts in the current window.</summary>
    public int FailedSignIns { get; private set; }

    public DateTimeOffset? FailedSignInWindowStart { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>
    /// A user exists only once they proved they own the email (an invitation, a magic link or a password reset
    /// sent to it), so the email is verified from the start.
    /// </summary>
    public static PortalUser CreateVerified(TenantId tenantId, string email, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        Email = NormalizeEmail(email),
        EmailVerifiedAt = now,
        CreatedAt = now,
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public void SetPassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        ClearFailures();
    }

    /// <summary>Rehashing with newer parameters keeps the password; it is not a change.</summary>
    public void UpgradePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public void RecordSignIn(DateTimeOffset now)
    {
        LastSignInAt = now;
        ClearFailures();
    }

    /// <summary>Counts a wrong password; the one that reaches the limit within the window locks the account.</summary>
    public void RecordFailedSignIn(DateTimeOffset now, SignInLockoutPolicy policy)
    {
        if (FailedSignInWindowStart is not { } start || now - start >= policy.Window)
        {
            FailedSignInWindowStart = now;
            FailedSignIns = 0;
        }

        FailedSignIns++;
        if (FailedSignIns >= policy.MaxFailures)
        {
            LockedUntil = now + policy.LockoutDuration;
            FailedSignIns = 0;
            FailedSignInWindowStart = null;
        }
    }

    private void ClearFailures()
    {
        FailedSignIns = 0;
        FailedSignInWindowStart = null;
        LockedUntil = null;
    }
}

/// <summary>How many wrong passwords within which window lock an account, and for how long.</summary>
public sealed record SignInLockoutPolicy(int MaxFailures, TimeSpan Window, TimeSpan LockoutDuration)
{
    /// <summary>10 failures within 15 minutes lock the account for 15 minutes.</summary>
    public static SignInLockoutPolicy Default { get; } = new(10, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
}
