using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Persistence;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Bookings;

/// <summary>An appointment the user booked themselves that the back office has not confirmed with a synced job yet.</summary>
/// <param name="BookingId">The booking's id: GET /v1/portal/bookings/{id}; reschedule or cancel at /v1/portal/appointments/{id}.</param>
/// <param name="JobType">The job type booked.</param>
/// <param name="Customer">The customer of the location.</param>
/// <param name="Location">Where the work is.</param>
/// <param name="Date">The day of the visit (yyyy-MM-dd) in the company's time zone.</param>
/// <param name="ArrivalWindowStart">The booked window's start, with the company's offset.</param>
/// <param name="ArrivalWindowEnd">The booked window's end, with the company's offset.</param>
/// <param name="ChangeableUntil">Until when it can be rescheduled or canceled in the portal (the company's cut-off before the window).</param>
/// <param name="CanChange">Whether it can be rescheduled or canceled now (before the cut-off).</param>
/// <param name="Url">The booking in the API.</param>
public sealed record PortalBookedAppointmentDto(
    Guid BookingId, PortalBookingJobTypeDto JobType, PortalBookingCustomerDto Customer, PortalBookingLocationDto Location, DateOnly Date,
    DateTimeOffset ArrivalWindowStart, DateTimeOffset ArrivalWindowEnd, DateTimeOffset ChangeableUntil, bool CanChange, string Url);

/// <summary>
/// The self-scheduled appointments My Tasks and the upcoming jobs tab show beside the synced ones: the signed-in user's own
/// booked bookings (the ones GET /v1/portal/bookings lists) for customers they can still see, until their window ends. Once
/// the back office has synced the job the office linked to the booking, the job's own appointment shows instead, so the visit
/// never appears twice. Nothing while job booking is off, as every booking route then answers 404.
/// </summary>
internal static class BookedAppointments
{
    /// <summary>The most a list shows (the soonest); My Tasks' count still says how many there are.</summary>
    public const int MaxBookedAppointments = 20;

    /// <summary>The booked bookings of one idempotency scope (a user's), by the (tenant, scope) index; a compiled query (docs/PERFORMANCE.md, "Round four").</summary>
    private static readonly CompiledQuery<Func<DbContext, string, IAsyncEnumerable<Booking>>> BookedInScope = new(() => EF.CompileAsyncQuery(
        (DbContext db, string scope) => db.Set<Booking>().AsNoTracking().Where(b => b.IdempotencyScope == scope && b.Status == BookingStatus.Booked)));

    public static async Task<IReadOnlyList<PortalBookedAppointmentDto>> UpcomingAsync(
        IAppDbContext db, PortalViewer viewer, PortalContext context, IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        if (!context.Settings.Features.JobBooking || customerIds.Count == 0)
        {
            return [];
        }

        // The user's own bookings that are booked: few rows, read by the (tenant, scope) index.
        var scope = RequestPortalBookingHandler.ScopeOf(viewer.Session);
        var (bookedInScope, dbContext) = BookedInScope.For(db);
        var booked = (await bookedInScope(dbContext, scope).ToListAsync(ct))
            .Where(b => b.CustomerId is { } c && customerIds.Contains(c))
            .ToList();
        var linkedJobs = booked.Where(b => b.JobExternalId is not null).Select(b => b.JobExternalId!).Distinct().ToList();
        if (linkedJobs.Count > 0)
        {
            var synced = (await db.Set<Job>().AsNoTracking().Where(j => linkedJobs.Contains(j.ExternalId)).Select(j => j.ExternalId).ToListAsync(ct)).ToHashSet();
            booked.RemoveAll(b => b.JobExternalId is { } job && synced.Contains(job));
        }

        if (booked.Count == 0)
        {
            return [];
        }

        var settings = await BookingSettingsReader.GetAsync(db, booked[0].TenantId, ct);
        return (await BookingReader.ForPortalAsync(db, booked, context.Zone, ct))
            .Where(b => b.Appointment is { } a && a.End > context.Now)
            .Select(b =>
            {
                var window = b.Appointment!;
                return new PortalBookedAppointmentDto(
                    b.Id, b.JobType, b.Customer, b.Location, window.Date, window.Start, window.End,
                    (window.Start - settings.ChangeCutOff).In(context.Zone), settings.CanChange(window.Start, context.Now), PathOf(b.Id));
            })
            .OrderBy(b => b.ArrivalWindowStart).ThenBy(b => b.BookingId)
            .ToList();
    }

    public static string PathOf(Guid bookingId) => $"/v1/portal/bookings/{bookingId}";
}
