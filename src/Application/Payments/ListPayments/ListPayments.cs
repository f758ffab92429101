using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.ListPayments;

/// <summary>The tenant's online payments, newest first.</summary>
/// <param name="Status">Only this status: pending, requiresAction, processing, succeeded, failed or canceled.</param>
/// <param name="CustomerId">Only payments of this customer (the back office's id).</param>
/// <param name="InvoiceId">Only payments of this invoice (the back office's id), alone or with others.</param>
/// <param name="CreatedFrom">Only payments started at or after this time.</param>
/// <param name="CreatedTo">Only payments started before this time.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPaymentsQuery(
    string? Status, string? CustomerId, string? InvoiceId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Limit, string? After)
    : IQuery<CursorPage<AdminPaymentDto>>, IPageRequest
{
    private static readonly Dictionary<string, PaymentStatus> Statuses =
        Enum.GetValues<PaymentStatus>().ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>The statuses as the API names them.</summary>
    public static IEnumerable<string> StatusNames => Statuses.Keys;

    /// <summary>The status filter, when one was given and it names a status.</summary>
    public PaymentStatus? StatusFilter => Status is not null && Statuses.TryGetValue(Status, out var status) ? status : null;
}

internal sealed class ListPaymentsHandler(IAppDbContext db) : IQueryHandler<ListPaymentsQuery, CursorPage<AdminPaymentDto>>
{
    /// <summary>
    /// Keys are made with the system clock and CreatedAt with the application clock; the key range around a time
    /// filter is this much wider, and CreatedAt decides exactly.
    /// </summary>
    private static readonly TimeSpan KeyMargin = TimeSpan.FromMinutes(10);

    private static readonly CursorPage<AdminPaymentDto> Empty = new([], null, false);

    public async ValueTask<CursorPage<AdminPaymentDto>> Handle(ListPaymentsQuery request, CancellationToken cancellationToken)
    {
        var query = db.Set<Payment>().AsNoTracking();
        if (request.StatusFilter is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (request.CustomerId is not null)
        {
            var customer = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
                .Where(c => c.ExternalId == request.CustomerId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (customer is not { } customerId)
            {
                return Empty;
            }

            query = query.Where(p => p.CustomerId == customerId);
        }

        if (request.InvoiceId is not null)
        {
            // An invoice's payments are a range of the PaymentInvoices index (the allocations themselves are JSON):
            // read their ids from it, so the cost follows that invoice's payments, not the table.
            var invoice = await db.Set<Invoice>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
                .Where(i => i.ExternalId == request.InvoiceId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);
            if (invoice is not { } invoiceId)
            {
                return Empty;
            }

            var ids = db.Set<PaymentInvoice>().Where(x => x.InvoiceId == invoiceId);
            if (Cursor.TryDecode(request.After, out var after))
            {
                var bound = after.Value;
                ids = ids.Where(x => x.PaymentId < bound);
            }

            var paymentIds = await ids.Select(x => x.PaymentId).ToListAsync(cancellationToken);
            query = query.Where(p => paymentIds.Contains(p.Id));
        }

        if (request.CreatedFrom is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            var lowest = KeysetTime.Lowest(fromUtc - KeyMargin);
            query = query.Where(p => p.Id >= lowest && p.CreatedAt >= fromUtc);
        }

        if (request.CreatedTo is { } to)
        {
            var toUtc = to.ToUniversalTime();
            var highest = KeysetTime.Highest(toUtc + KeyMargin);
            query = query.Where(p => p.Id <= highest && p.CreatedAt < toUtc);
        }

        var page = await query.ToCursorPageAsync(request, p => p.Id, p => p, cancellationToken, newestFirst: true);
        var customers = await AdminPayments.CustomersAsync(db, page.Data.Select(p => p.CustomerId), cancellationToken);
        return new CursorPage<AdminPaymentDto>(page.Data.Select(p => AdminPaymentDto.From(p, customers[p.CustomerId])).ToList(), page.NextCursor, page.HasMore);
    }
}
