using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalPaymentMethods;

/// <summary>
/// Finds what to charge when a customer pays with a saved method: one not removed, saved on the payment account
/// connected now (a method of an earlier account cannot be charged on this one).
/// </summary>
internal sealed class SavedPaymentMethodLookup(IAppDbContext db) : ISavedPaymentMethodLookup
{
    public async Task<ChargeableMethod?> FindAsync(Guid customerId, Guid savedPaymentMethodId, CancellationToken cancellationToken)
    {
        var accountId = await PaymentAccounts.AccountIdAsync(db, cancellationToken);
        var method = await db.Set<SavedPaymentMethod>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == savedPaymentMethodId && m.CustomerId == customerId && m.ProviderAccountId == accountId && m.RemovedAt == null, cancellationToken);
        return method is null ? null : new ChargeableMethod(method.Kind, method.ProviderPaymentMethodId, method.ProviderCustomerId, method.Id);
    }

    public async Task<ChargeableMethod?> PrimaryAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var accountId = await PaymentAccounts.AccountIdAsync(db, cancellationToken);
        var primary = await db.Set<ProviderCustomer>().AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.ProviderAccountId == accountId)
            .Select(p => p.PrimaryPaymentMethodId)
            .SingleOrDefaultAsync(cancellationToken);
        return primary is { } id ? await FindAsync(customerId, id, cancellationToken) : null;
    }
}
