using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings.ScheduleBooking;

/// <summary>The body of POST /v1/admin/bookings/{id}/schedule.</summary>
/// <param name="JobId">The back office's id of the job made for the request.</param>
/// <param name="AppointmentId">The back office's id of its appointment, when there is one yet.</param>
public sealed record ScheduleBookingRequest([property: Required] string? JobId, string? AppointmentId);

/// <summary>
/// The office scheduled a new request in the back office, or synced a self-scheduled (booked) one: links the job (and
/// appointment); a booked booking stays booked. 409 booking_not_new once handled (or once a booked one's job is linked).
/// </summary>
public sealed record ScheduleBookingCommand(Guid Id, ScheduleBookingRequest Body) : ITransactionalCommand<Result<BookingDto>>;

internal sealed class ScheduleBookingHandler(IAppDbContext db, ICurrentTenant tenant, ICurrentActor actor, IAuditLog audit, IClock clock)
    : ICommandHandler<ScheduleBookingCommand, Result<BookingDto>>
{
    public async ValueTask<Result<BookingDto>> Handle(ScheduleBookingCommand request, CancellationToken cancellationToken)
    {
        var booking = await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == request.Id, cancellationToken);
        if (booking is null)
        {
            return Error.NotFound("booking");
        }

        var before = BookingNames.Of(booking.Status);
        var now = clock.UtcNow;
        booking.Schedule(request.Body.JobId!, request.Body.AppointmentId, actor.Id, now);
        BookingAnnouncements.Handled(db, booking, BookingEvents.Scheduled, now);
        audit.Record(booking.TenantId, BookingEvents.Scheduled, BookingAudit.TargetOf(booking), new { status = before },
            new { status = BookingNames.Of(booking.Status), jobId = booking.JobExternalId, appointmentId = booking.AppointmentExternalId });
        await db.SaveChangesAsync(cancellationToken);
        var zone = await TenantTime.ZoneAsync(db, tenant.Required(), cancellationToken);
        return (await BookingReader.ForOfficeAsync(db, [booking], zone, cancellationToken))[0];
    }
}
