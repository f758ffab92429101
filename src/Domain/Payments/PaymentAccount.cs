using System.Text.RegularExpressions;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>
/// The payment provider account (a Stripe connected account, <c>acct_...</c>) a tenant takes payments into. At most
/// one per tenant, and an account belongs to one tenant only: provider webhooks find their tenant by it.
/// </summary>
public sealed partial class PaymentAccount : ITenantOwned
{
    public const int AccountIdMaxLength = 100;

    private PaymentAccount()
    {
        ProviderAccountId = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The provider's account id, such as acct_1Nv0FGQ9RKHgCVdK.</summary>
    public string ProviderAccountId { get; private set; }

    public DateTimeOffset ConnectedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static bool IsValidAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value);

    public static PaymentAccount Connect(TenantId tenantId, string providerAccountId, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        ProviderAccountId = Validated(providerAccountId),
        ConnectedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Points the tenant at another account; answers whether anything changed.</summary>
    public bool ChangeAccount(string providerAccountId, DateTimeOffset now)
    {
        var validated = Validated(providerAccountId);
        if (validated == ProviderAccountId)
        {
            return false;
        }

        ProviderAccountId = validated;
        UpdatedAt = now;
        return true;
    }

    private static string Validated(string value) =>
        IsValidAccountId(value)
            ? value
            : throw new DomainException("invalid_account_id", "A payment account id looks like acct_ followed by letters and digits.");

    [GeneratedRegex("^acct_[A-Za-z0-9]{1,90}$")]
    private static partial Regex AccountIdPattern();
}
