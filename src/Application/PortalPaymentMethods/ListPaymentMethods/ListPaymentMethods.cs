using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalPaymentMethods.ListPaymentMethods;

/// <summary>
/// My saved payment methods: of one customer, or of every customer I have billing access to; of each customer the
/// primary first, then the most recently saved. A customer keeps at most 10: one complete page.
/// </summary>
/// <param name="CustomerId">One customer (billing access needed); omitted, every customer with billing access, by name.</param>
public sealed record ListPaymentMethodsQuery(Guid? CustomerId) : IQuery<Result<CursorPage<SavedPaymentMethodDto>>>;

internal sealed class ListPaymentMethodsHandler(IAppDbContext db, SavedMethodsGate gate) : IQueryHandler<ListPaymentMethodsQuery, Result<CursorPage<SavedPaymentMethodDto>>>
{
    public async ValueTask<Result<CursorPage<SavedPaymentMethodDto>>> Handle(ListPaymentMethodsQuery request, CancellationToken cancellationToken)
    {
        var account = await gate.AccountAsync(cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var accountId = account.Value;
        var customers = (await gate.BillingCustomersAsync(cancellationToken)).Select(c => c.Id).ToList();
        if (request.CustomerId is { } only)
        {
            if (!customers.Contains(only))
            {
                return Error.NotFound("customer");
            }

            customers = [only];
        }

        // At most 10 methods per customer and few customers per user: the customers' ranges, read whole.
        var primaries = await db.Set<ProviderCustomer>().AsNoTracking()
            .Where(p => customers.Contains(p.CustomerId) && p.ProviderAccountId == accountId)
            .ToDictionaryAsync(p => p.CustomerId, p => p.PrimaryPaymentMethodId, cancellationToken);
        var methods = await db.Set<SavedPaymentMethod>().AsNoTracking()
            .Where(m => customers.Contains(m.CustomerId) && m.ProviderAccountId == accountId && m.RemovedAt == null)
            .ToListAsync(cancellationToken);
        var today = gate.Today;
        var zone = await gate.ZoneAsync(cancellationToken);
        var data = customers.SelectMany(customerId =>
        {
            var primary = primaries.GetValueOrDefault(customerId);
            return SavedPaymentMethodViews.InListOrder(methods.Where(m => m.CustomerId == customerId), primary)
                .Select(m => SavedPaymentMethodViews.Of(m, primary, today, zone));
        }).ToList();
        return CursorPage.Complete(data);
    }
}
