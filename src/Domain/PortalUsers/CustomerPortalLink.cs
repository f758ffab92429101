using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.PortalUsers;

/// <summary>
/// A link to one customer's portal that a company texts to the customer: whoever opens it signs in with the
/// last four digits of a phone number on the customer record. Wrong digits count against the link, and the
/// limit locks it for a while (PRODUCT.md#sign-in-methods).
/// </summary>
public sealed class CustomerPortalLink : ITenantOwned
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromHours(1);

    private CustomerPortalLink()
    {
        TokenHash = null!;
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public int FailedAttempts { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public static CustomerPortalLink Create(TenantId tenantId, Guid customerId, string tokenHash, string createdBy, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        CustomerId = customerId,
        TokenHash = tokenHash,
        CreatedAt = now,
        CreatedBy = createdBy,
    };

    public bool IsRevoked => RevokedAt is not null;

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>Counts wrong digits; the fifth locks the link for an hour and starts the count again.</summary>
    public void RecordFailedAttempt(DateTimeOffset now)
    {
        FailedAttempts++;
        if (FailedAttempts >= MaxFailedAttempts)
        {
            LockedUntil = now + LockDuration;
            FailedAttempts = 0;
        }
    }

    public void RecordSuccess() => FailedAttempts = 0;

    /// <summary>Whether <paramref name="lastFour"/> are the last four digits of one of the phone numbers.</summary>
    public static bool MatchesPhone(IEnumerable<string> phoneNumbers, string lastFour)
    {
        if (lastFour.Length != 4 || !lastFour.All(char.IsAsciiDigit))
        {
            return false;
        }

        foreach (var number in phoneNumbers)
        {
            var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length >= 4 && digits[^4..] == lastFour)
            {
                return true;
            }
        }

        return false;
    }
}
