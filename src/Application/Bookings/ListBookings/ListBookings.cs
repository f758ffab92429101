using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.ListBookings;

/// <summary>The office's Bookings list: portal and website requests, newest first.</summary>
/// <param name="Status">new, scheduled or dismissed.</param>
/// <param name="Source">portal or website.</param>
/// <param name="CreatedFrom">Only requests sent at or after this time.</param>
/// <param name="CreatedTo">Only requests sent before this time.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListBookingsQuery(string? Status, string? Source, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Limit, string? After)
    : IQuery<CursorPage<BookingDto>>, IPageRequest;

internal sealed class ListBookingsHandler(IAppDbContext db, ICurrentTenant tenant) : IQueryHandler<ListBookingsQuery, CursorPage<BookingDto>>
{
    public async ValueTask<CursorPage<BookingDto>> Handle(ListBookingsQuery request, CancellationToken cancellationToken)
    {
        var query = db.Set<Booking>().AsNoTracking();
        if (BookingNames.StatusOf(request.Status) is { } status)
        {
            query = query.Where(b => b.Status == status);
        }

        if (BookingNames.SourceOf(request.Source) is { } source)
        {
            query = query.Where(b => b.Source == source);
        }

        if (request.CreatedFrom is { } from)
        {
            query = query.Where(b => b.CreatedAt >= from);
        }

        if (request.CreatedTo is { } to)
        {
            query = query.Where(b => b.CreatedAt < to);
        }

        var page = await query.ToCursorPageAsync(request, b => b.Id, b => b, cancellationToken, newestFirst: true);
        var zone = await TenantTime.ZoneAsync(db, tenant.Required(), cancellationToken);
        return new CursorPage<BookingDto>(await BookingReader.ForOfficeAsync(db, page.Data, zone, cancellationToken), page.NextCursor, page.HasMore);
    }
}
