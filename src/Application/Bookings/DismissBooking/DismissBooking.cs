using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.DismissBooking;

/// <summary>The body of POST /v1/admin/bookings/{id}/dismiss.</summary>
/// <param name="Reason">Why the office will not do it (at most 1000 characters); kept for the office, not shown to the customer.</param>
public sealed record DismissBookingRequest([property: Required] string? Reason);

/// <summary>The office will not do a new request. 409 booking_not_new once handled.</summary>
public sealed record DismissBookingCommand(Guid Id, DismissBookingRequest Body) : ITransactionalCommand<Result<BookingDto>>;

internal sealed class DismissBookingHandler(IAppDbContext db, ICurrentTenant tenant, ICurrentActor actor, IAuditLog audit, IClock clock)
    : ICommandHandler<DismissBookingCommand, Result<BookingDto>>
{
    public async ValueTask<Result<BookingDto>> Handle(DismissBookingCommand request, CancellationToken cancellationToken)
    {
        var booking = await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == request.Id, cancellationToken);
        if (booking is null)
        {
            return Error.NotFound("booking");
        }

        var now = clock.UtcNow;
        booking.Dismiss(request.Body.Reason!, actor.Id, now);
        BookingAnnouncements.Handled(db, booking, BookingEvents.Dismissed, now);
        audit.Record(booking.TenantId, BookingEvents.Dismissed, BookingAudit.TargetOf(booking), new { status = BookingNames.New },
            new { status = BookingNames.Dismissed, reason = booking.DismissReason });
        await db.SaveChangesAsync(cancellationToken);
        var zone = await TenantTime.ZoneAsync(db, tenant.Required(), cancellationToken);
        return (await BookingReader.ForOfficeAsync(db, [booking], zone, cancellationToken))[0];
    }
}
