using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>The current tenant's payment account, for code that needs to know whether payments can be taken.</summary>
public static class PaymentAccounts
{
    public static Task<bool> IsConnectedAsync(IAppDbContext db, CancellationToken ct) => db.Set<PaymentAccount>().AnyAsync(ct);

    /// <summary>The provider account id (<c>acct_...</c>), or null when none is connected.</summary>
    public static Task<string?> AccountIdAsync(IAppDbContext db, CancellationToken ct) =>
        db.Set<PaymentAccount>().AsNoTracking().Select(a => a.ProviderAccountId).SingleOrDefaultAsync(ct);
}
