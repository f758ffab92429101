using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalScheduling;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Bookings;
using Mediator;

namespace HeadlessPortal.Application.Bookings.RescheduleAppointment;

/// <summary>The body of POST /v1/portal/appointments/{id}/reschedule.</summary>
/// <param name="WindowId">Another free window from GET /v1/portal/availability for the appointment's job type.</param>
public sealed record RescheduleAppointmentRequest([property: Required] Guid? WindowId);

/// <summary>
/// Moves the user's booked appointment to another window before the cut-off: the new slot is taken and the old one returned in
/// one transaction (a full window changes nothing). Opens its own transaction.
/// </summary>
public sealed record RescheduleAppointmentCommand(string Id, string? IdempotencyKey, RescheduleAppointmentRequest Body) : ISelfTransactedCommand<Result<PortalBookingDto>>;

internal sealed class RescheduleAppointmentHandler(IAppDbContext db, AppointmentChanges changes, IAuditLog audit)
    : ICommandHandler<RescheduleAppointmentCommand, Result<PortalBookingDto>>
{
    public async ValueTask<Result<PortalBookingDto>> Handle(RescheduleAppointmentCommand request, CancellationToken cancellationToken)
    {
        var key = request.IdempotencyKey!;
        var hash = SelfScheduling.HashOf("reschedule", request.Body);
        return await changes.RunAsync(request.Id, key, hash, (change, ct) => MoveAsync(change, request.Body.WindowId!.Value, key, hash, ct), cancellationToken);
    }

    private async Task<Result<Booking>> MoveAsync(AppointmentChanges.Change change, Guid windowId, string key, string hash, CancellationToken ct)
    {
        var (context, settings, booking) = (change.Context, change.Settings, change.Booking);
        if (!settings.CanSelfSchedule(booking.JobTypeId, context.Settings.Features))
        {
            return PortalBookingErrors.NotSelfSchedulable;
        }

        var offered = windowId == booking.CapacityWindowId
            ? SelfSchedulingCodes.NotOffered(windowId)
            : await SelfScheduling.OfferedAsync(db, settings, settings.For(booking.JobTypeId)!, windowId, context.Now, ct);
        if (!offered.IsSuccess)
        {
            return offered.Error!;
        }

        // The two windows are updated in the order of their ids, so that two reschedules between the same windows in
        // opposite directions wait for each other instead of deadlocking. A full new window rolls the release back.
        var old = change.Window;
        var releaseFirst = old is not null && old.Id.CompareTo(windowId) < 0;
        if (releaseFirst)
        {
            await CapacitySlots.ReleaseAsync(db, old!.Id, context.Now, ct);
        }

        if (!await CapacitySlots.TryTakeAsync(db, windowId, context.Now, ct))
        {
            return SelfSchedulingCodes.Full();
        }

        if (old is not null && !releaseFirst)
        {
            await CapacitySlots.ReleaseAsync(db, old.Id, context.Now, ct);
        }

        booking.Reschedule(windowId, key, hash, context.Now);

        SelfScheduling.Announce(db, audit, booking, BookingEvents.AppointmentRescheduled, offered.Value, change.Window, context.Now);
        await db.SaveChangesAsync(ct);
        return booking;
    }
}
