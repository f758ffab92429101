using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalPaymentMethods.GetPaymentMethodHistory;

/// <summary>Every change to a customer's saved payment methods, newest first, for the office.</summary>
/// <param name="CustomerExternalId">The customer's id in the back office.</param>
/// <param name="Limit">Page size, 1-100 (default 25).</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record GetPaymentMethodHistoryQuery(string CustomerExternalId, int? Limit, string? After)
    : IQuery<Result<CursorPage<PaymentMethodHistoryEntryDto>>>, IPageRequest;

internal sealed class GetPaymentMethodHistoryHandler(IAppDbContext db) : IQueryHandler<GetPaymentMethodHistoryQuery, Result<CursorPage<PaymentMethodHistoryEntryDto>>>
{
    public async ValueTask<Result<CursorPage<PaymentMethodHistoryEntryDto>>> Handle(GetPaymentMethodHistoryQuery request, CancellationToken cancellationToken)
    {
        var customerId = await db.Set<Customer>().AsNoTracking().Where(c => c.ExternalId == request.CustomerExternalId)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (customerId is null)
        {
            return Error.NotFound("customer");
        }

        // One (TenantId, CustomerId, Id) index range per page, newest first.
        return await db.Set<PaymentMethodHistoryEntry>().AsNoTracking().Where(e => e.CustomerId == customerId)
            .ToCursorPageAsync(request, e => e.Id, SavedPaymentMethodViews.Of, cancellationToken, newestFirst: true);
    }
}
