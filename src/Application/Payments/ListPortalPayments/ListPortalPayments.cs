using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.ListPortalPayments;

/// <summary>My payments, newest first: those of every customer I have billing access to (or one of them).</summary>
public sealed record ListPortalPaymentsQuery(Guid? BillToCustomerId, int? Limit, string? After) : IQuery<CursorPage<PortalPaymentDetailDto>>;

internal sealed class ListPortalPaymentsHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<ListPortalPaymentsQuery, CursorPage<PortalPaymentDetailDto>>
{
    public async ValueTask<CursorPage<PortalPaymentDetailDto>> Handle(ListPortalPaymentsQuery request, CancellationToken cancellationToken)
    {
        Guid? after = request.After is null ? null : Guid.Parse(request.After);
        var limit = request.Limit ?? PageLimits.Default;
        var customers = (await viewer.CustomersAsync(cancellationToken))
            .Where(c => BillingAccess.CanSee(c.AccessLevel, CustomerRecordKind.Payment) && (request.BillToCustomerId is null || c.Id == request.BillToCustomerId))
            .ToDictionary(c => c.Id, c => c.Name);
        var rows = new List<Payment>();

        // One index range per customer (TenantId, CustomerId, Id), merged: a user has few customers.
        foreach (var customerId in customers.Keys)
        {
            var query = db.Set<Payment>().AsNoTracking().Where(p => p.CustomerId == customerId);
            if (after is { } cursor)
            {
                query = query.Where(p => p.Id.CompareTo(cursor) < 0);
            }

            rows.AddRange(await query.OrderByDescending(p => p.Id).Take(limit + 1).ToListAsync(cancellationToken));
        }

        var page = rows.OrderByDescending(p => p.Id).Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        var zone = page.Count == 0 ? TimeZoneInfo.Utc : await TenantTime.ZoneAsync(db, page[0].TenantId, cancellationToken);
        var items = page.Take(limit).Select(p => PortalPaymentViews.Detail(p, customers[p.CustomerId], zone)).ToList();
        return new CursorPage<PortalPaymentDetailDto>(items, hasMore ? items[^1].Id.ToString() : null, hasMore);
    }
}
