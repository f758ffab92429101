using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings;

/// <summary>
/// Rescheduling and canceling a self-scheduled appointment (the booked booking is the appointment until the back office syncs
/// its job). Finds the user's own booking (else 404), replays a retried Idempotency-Key, checks it is booked and before the
/// cut-off, then runs the change in one transaction. Concurrent changes of one booking: the version keeps the first; the
/// others are rolled back and answer its replay (same key) or 409 appointment_not_changeable.
/// </summary>
internal sealed class AppointmentChanges(IAppDbContext db, PortalViewer viewer, ICurrentTenant tenant, IClock clock, IUnitOfWork unitOfWork)
{
    public sealed record Change(PortalContext Context, BookingSettings Settings, Booking Booking, CapacityWindow? Window);

    public async Task<Result<PortalBookingDto>> RunAsync(
        string id, string key, string hash, Func<Change, CancellationToken, Task<Result<Booking>>> change, CancellationToken ct)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, ct);
        if (!context.Settings.Features.JobBooking)
        {
            return BookingCodes.BookingOff();
        }

        var scope = RequestPortalBookingHandler.ScopeOf(viewer.Session);
        var booking = Guid.TryParse(id, out var bookingId)
            ? await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == bookingId && b.IdempotencyScope == scope, ct)
            : null;
        if (booking?.CustomerId is not { } customerId || await viewer.AccessToAsync(customerId, ct) is null)
        {
            return Error.NotFound("appointment");
        }

        if (booking.ChangeIdempotencyKey == key)
        {
            return await ReplayAsync(booking, hash, context, ct);
        }

        if (booking.Status != BookingStatus.Booked || booking.CapacityWindowId is not { } windowId)
        {
            return SelfSchedulingCodes.NotChangeable();
        }

        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), ct);
        var window = await db.Set<CapacityWindow>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, ct);
        if (window is not null && !settings.CanChange(window.Start, context.Now))
        {
            return SelfSchedulingCodes.CutOffPassed(settings.ChangeCutOffHours);
        }

        try
        {
            var changed = await unitOfWork.ExecuteAsync(token => change(new Change(context, settings, booking, window), token), r => r.IsSuccess, ct);
            return changed.IsSuccess ? (await BookingReader.ForPortalAsync(db, [changed.Value], context.Zone, ct))[0] : changed.Error!;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another change of this booking was saved first; this one (and any slot it took) was rolled back.
            db.ClearTracked();
            var current = await db.Set<Booking>().AsNoTracking().SingleAsync(b => b.Id == booking.Id, ct);
            return current.ChangeIdempotencyKey == key ? await ReplayAsync(current, hash, context, ct) : SelfSchedulingCodes.NotChangeable();
        }
    }

    private async Task<Result<PortalBookingDto>> ReplayAsync(Booking booking, string hash, PortalContext context, CancellationToken ct) =>
        booking.ChangeRequestHash == hash
            ? (await BookingReader.ForPortalAsync(db, [booking], context.Zone, ct))[0]
            : Error.Unprocessable(BookingCodes.IdempotencyKeyReused, "This Idempotency-Key was used with a different request; use a new key for a new change.");
}
