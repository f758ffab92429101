using System.Text.Json;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings;

/// <summary>The stable codes of self-scheduling.</summary>
public static class SelfSchedulingCodes
{
    /// <summary>The window has no free slot (taken meanwhile): 409.</summary>
    public const string WindowFull = "window_full";

    /// <summary>The window is unknown, removed, not for this job type or business unit, or outside the bookable period: 422.</summary>
    public const string WindowNotOffered = "window_not_offered";

    /// <summary>The reschedule/cancel cut-off before the window has passed: 409.</summary>
    public const string ChangeCutOffPassed = "change_cutoff_passed";

    public static Error Full() => Error.Conflict(WindowFull, "This window has no free slot left; choose another one from availability.");

    public static Error NotOffered(Guid? windowId) =>
        new(ErrorKind.Unprocessable, WindowNotOffered, "This window is not offered for this job type and location now; choose one from availability.")
        {
            Fields = new Dictionary<string, string[]> { ["windowId"] = [$"Window {windowId} is not offered for this job type, location and period."] },
        };

    public static Error NotChangeable() =>
        Error.Conflict(BookingRules.NotChangeable, "Only a booked appointment can be rescheduled or canceled; this one is not (any more).");

    public static Error CutOffPassed(int hours) =>
        Error.Conflict(ChangeCutOffPassed, $"The appointment can no longer be changed here: changes close {hours} hours before the window. Call the office.");
}

/// <summary>What booking, rescheduling and canceling a self-scheduled appointment share.</summary>
internal static class SelfScheduling
{
    public static BookedAppointmentDto AppointmentOf(CapacityWindow window, TimeZoneInfo zone)
    {
        var start = window.Start.In(zone);
        return new BookedAppointmentDto(window.Id, window.ExternalId, DateOnly.FromDateTime(start.DateTime), start, window.End.In(zone));
    }

    /// <summary>
    /// The window when the user may book it for <paramref name="jobType"/> now: not removed, serving the job type (and its
    /// business unit when it names one), starting within the bookable period (lead time to horizon). Else window_not_offered.
    /// Free slots are not checked here: taking one is (window_full).
    /// </summary>
    public static async Task<Result<CapacityWindow>> OfferedAsync(
        IAppDbContext db, BookingSettings settings, BookableJobType jobType, Guid windowId, DateTimeOffset now, CancellationToken ct)
    {
        var window = await db.Set<CapacityWindow>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, ct);
        if (window is null || !window.Serves(jobType.JobTypeId) || (jobType.BusinessUnitId is { } unit && window.BusinessUnitId != unit)
            || !settings.BookablePeriod(now).Contains(window.Start))
        {
            return SelfSchedulingCodes.NotOffered(windowId);
        }

        return window;
    }

    /// <summary>A stable hash of a change: its kind and body (a key used to cancel cannot replay as a reschedule).</summary>
    public static string HashOf<T>(string kind, T body) => BookingRequestRules.HashOf(new { kind, body });

    /// <summary>The appointment event through the outbox and its audit entry, saved with the change.</summary>
    public static void Announce(IAppDbContext db, IAuditLog audit, Booking booking, string eventName, CapacityWindow window, CapacityWindow? previous, DateTimeOffset now)
    {
        var payload = JsonSerializer.Serialize(
            new
            {
                bookingId = booking.Id,
                appointmentId = booking.AppointmentId,
                status = BookingNames.Of(booking.Status),
                jobTypeId = booking.JobTypeExternalId,
                customerId = booking.CustomerExternalId,
                locationId = booking.LocationExternalId,
                jobId = booking.JobExternalId,
                window = WindowOf(window),
                previousWindow = previous is null ? null : WindowOf(previous),
                reason = booking.CancelReason,
                occurredAt = now,
            },
            JsonSerializerOptions.Web);
        db.OutboxMessages.Add(OutboxMessage.For(booking.TenantId, eventName, payload, now));
        audit.Record(booking.TenantId, eventName, BookingAudit.TargetOf(booking), previous is null ? null : new { window = previous.ExternalId },
            new { status = BookingNames.Of(booking.Status), window = window.ExternalId, reason = booking.CancelReason });
    }

    private static object WindowOf(CapacityWindow w) => new { id = w.ExternalId, businessUnitId = w.BusinessUnitExternalId, start = w.Start, end = w.End };
}
