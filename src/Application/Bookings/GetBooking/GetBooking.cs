using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.GetBooking;

/// <summary>One booking request, for the office.</summary>
public sealed record GetBookingQuery(Guid Id) : IQuery<Result<BookingDto>>;

internal sealed class GetBookingHandler(IAppDbContext db, ICurrentTenant tenant) : IQueryHandler<GetBookingQuery, Result<BookingDto>>
{
    public async ValueTask<Result<BookingDto>> Handle(GetBookingQuery request, CancellationToken cancellationToken)
    {
        var booking = await db.Set<Booking>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.Id, cancellationToken);
        if (booking is null)
        {
            return Error.NotFound("booking");
        }

        var zone = await TenantTime.ZoneAsync(db, tenant.Required(), cancellationToken);
        return (await BookingReader.ForOfficeAsync(db, [booking], zone, cancellationToken))[0];
    }
}
