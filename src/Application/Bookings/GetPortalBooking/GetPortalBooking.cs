using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.GetPortalBooking;

/// <summary>One of the user's own booking requests; any other id (another user's, a customer no longer visible, another company's) is 404.</summary>
public sealed record GetPortalBookingQuery(string Id) : IQuery<Result<PortalBookingDto>>;

internal sealed class GetPortalBookingHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalBookingQuery, Result<PortalBookingDto>>
{
    public async ValueTask<Result<PortalBookingDto>> Handle(GetPortalBookingQuery request, CancellationToken cancellationToken)
    {
        var context = await viewer.ContextAsync(cancellationToken);
        if (!context.Settings.Features.JobBooking)
        {
            return BookingCodes.BookingOff();
        }

        if (!Guid.TryParse(request.Id, out var id))
        {
            return Error.NotFound("booking");
        }

        var scope = RequestPortalBookingHandler.ScopeOf(viewer.Session);
        var booking = await db.Set<Booking>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.IdempotencyScope == scope, cancellationToken);
        if (booking?.CustomerId is not { } customerId || await viewer.AccessToAsync(customerId, cancellationToken) is null)
        {
            return Error.NotFound("booking");
        }

        return (await BookingReader.ForPortalAsync(db, [booking], context.Zone, cancellationToken))[0];
    }
}
