using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Bookings;
using Mediator;

namespace HeadlessPortal.Application.Bookings.CancelAppointment;

/// <summary>The body of POST /v1/portal/appointments/{id}/cancel.</summary>
/// <param name="Reason">Why (optional, at most 1000 characters).</param>
public sealed record CancelAppointmentRequest(string? Reason);

/// <summary>Cancels the user's booked appointment before the cut-off: its slot returns to the window. Opens its own transaction.</summary>
public sealed record CancelAppointmentCommand(string Id, string? IdempotencyKey, CancelAppointmentRequest Body) : ISelfTransactedCommand<Result<PortalBookingDto>>;

internal sealed class CancelAppointmentHandler(IAppDbContext db, AppointmentChanges changes, IAuditLog audit)
    : ICommandHandler<CancelAppointmentCommand, Result<PortalBookingDto>>
{
    public async ValueTask<Result<PortalBookingDto>> Handle(CancelAppointmentCommand request, CancellationToken cancellationToken)
    {
        var key = request.IdempotencyKey!;
        var hash = SelfScheduling.HashOf("cancel", request.Body);
        return await changes.RunAsync(request.Id, key, hash, (change, ct) => CancelAsync(change, request.Body.Reason, key, hash, ct), cancellationToken);
    }

    private async Task<Result<Booking>> CancelAsync(AppointmentChanges.Change change, string? reason, string key, string hash, CancellationToken ct)
    {
        var (now, booking) = (change.Context.Now, change.Booking);
        booking.Cancel(reason, key, hash, now);
        if (change.Window is { } window)
        {
            await CapacitySlots.ReleaseAsync(db, window.Id, now, ct);
            SelfScheduling.Announce(db, audit, booking, BookingEvents.AppointmentCanceled, window, null, now);
        }

        await db.SaveChangesAsync(ct);
        return booking;
    }
}
