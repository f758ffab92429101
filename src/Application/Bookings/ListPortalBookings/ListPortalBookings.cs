using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.ListPortalBookings;

/// <summary>The user's own booking requests, for customers they can still see, newest first; ?status= keeps one status.</summary>
public sealed record ListPortalBookingsQuery(string? Status, int? Limit, string? After) : IQuery<Result<CursorPage<PortalBookingDto>>>, IPageRequest;

internal sealed class ListPortalBookingsHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<ListPortalBookingsQuery, Result<CursorPage<PortalBookingDto>>>
{
    public async ValueTask<Result<CursorPage<PortalBookingDto>>> Handle(ListPortalBookingsQuery request, CancellationToken cancellationToken)
    {
        var context = await viewer.ContextAsync(cancellationToken);
        if (!context.Settings.Features.JobBooking)
        {
            return BookingCodes.BookingOff();
        }

        var scope = RequestPortalBookingHandler.ScopeOf(viewer.Session);
        var customers = await viewer.CustomerIdsAsync(cancellationToken);
        var query = db.Set<Booking>().AsNoTracking().Where(b => b.IdempotencyScope == scope && customers.Contains(b.CustomerId!.Value));
        if (BookingNames.StatusOf(request.Status) is { } status)
        {
            query = query.Where(b => b.Status == status);
        }

        var page = await query.ToCursorPageAsync(request, b => b.Id, b => b, cancellationToken, newestFirst: true);
        return new CursorPage<PortalBookingDto>(await BookingReader.ForPortalAsync(db, page.Data, context.Zone, cancellationToken), page.NextCursor, page.HasMore);
    }
}
