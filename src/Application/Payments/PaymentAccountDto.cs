using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.Payments;

/// <summary>The tenant's payment account.</summary>
/// <param name="Connected">Whether one is connected; online payments need it.</param>
/// <param name="AccountId">The Stripe account id (acct_...).</param>
/// <param name="ConnectedAt">When it was first connected.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record PaymentAccountDto(bool Connected, string? AccountId, DateTimeOffset? ConnectedAt, DateTimeOffset? UpdatedAt)
{
    public static PaymentAccountDto From(PaymentAccount? account) =>
        account is null ? new(false, null, null, null) : new(true, account.ProviderAccountId, account.ConnectedAt, account.UpdatedAt);
}
