using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalScheduling.GetAvailability;

/// <summary>Free arrival windows for a self-schedulable job type at one of the user's locations, between two dates of the company's calendar.</summary>
/// <param name="JobTypeId">The job type (its portal id, from booking options).</param>
/// <param name="LocationId">One of the user's service locations.</param>
/// <param name="From">First day, in the company's time zone; default today.</param>
/// <param name="To">Last day, included; at most 31 days after from; default from plus 13 days.</param>
public sealed record GetAvailabilityQuery(Guid? JobTypeId, Guid? LocationId, DateOnly? From, DateOnly? To) : IQuery<Result<AvailabilityDto>>
{
    public const int MaxDays = 31;
    public const int DefaultDays = 14;
}

/// <summary>Windows the user can book now.</summary>
/// <param name="JobTypeId">The job type asked about.</param>
/// <param name="LocationId">The location asked about.</param>
/// <param name="From">The first day looked at.</param>
/// <param name="To">The last day looked at.</param>
/// <param name="TimeZone">The company's time zone (IANA id); starts and ends carry its offset on their day.</param>
/// <param name="Windows">
/// Windows with a free slot, starting between now plus the lead time and now plus the horizon, in start order; at most 1,000,
/// and then only whole days (see nextFrom).
/// </param>
/// <param name="NextFrom">
/// When the range holds more than 1,000 free windows: the first day not listed, to ask again from (from=nextFrom). The list
/// then ends with the whole day before it (a single day of more than 1,000 windows shows its first 1,000). Null when every
/// free window of the range is listed.
/// </param>
public sealed record AvailabilityDto(Guid JobTypeId, Guid LocationId, DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<AvailableWindowDto> Windows, DateOnly? NextFrom)
{
    public const int MaxWindows = 1000;
}

/// <summary>A bookable arrival window.</summary>
/// <param name="Id">The window's id (a booking names it).</param>
/// <param name="Date">Its day in the company's time zone.</param>
/// <param name="Start">When the technician may arrive from, with the company's offset that day.</param>
/// <param name="End">When the arrival window closes.</param>
public sealed record AvailableWindowDto(Guid Id, DateOnly Date, DateTimeOffset Start, DateTimeOffset End);

internal sealed class GetAvailabilityHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock, PortalViewer viewer)
    : IQueryHandler<GetAvailabilityQuery, Result<AvailabilityDto>>
{
    /// <summary>How many windows of the range one query reads.</summary>
    private const int ChunkSize = 1000;

    public async ValueTask<Result<AvailabilityDto>> Handle(GetAvailabilityQuery request, CancellationToken cancellationToken)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        if (!context.Settings.Features.JobBooking)
        {
            return PortalBookingErrors.JobBookingOff;
        }

        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var locationId = request.LocationId!.Value;
        if (!await db.Set<Location>().AnyAsync(l => l.Id == locationId && customerIds.Contains(l.CustomerId), cancellationToken))
        {
            return Error.NotFound("location");
        }

        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), cancellationToken);
        var jobTypeId = request.JobTypeId!.Value;
        var jobType = settings.For(jobTypeId);
        if (!settings.CanSelfSchedule(jobTypeId, context.Settings.Features) || !await db.Set<Domain.Work.JobType>().AnyAsync(j => j.Id == jobTypeId, cancellationToken))
        {
            return PortalBookingErrors.NotSelfSchedulable;
        }

        var from = request.From ?? context.Today;
        var to = request.To ?? from.AddDays(GetAvailabilityQuery.DefaultDays - 1);
        var days = new BookingPeriod(StartOfDay(from, context.Zone), StartOfDay(to.AddDays(1), context.Zone).AddTicks(-1));
        var period = settings.BookablePeriod(context.Now).Intersect(days);
        var windows = new List<AvailableWindowDto>();
        DateOnly? nextFrom = null;
        if (!period.IsEmpty)
        {
            var (first, last) = (period.From.UtcTicks, period.To.UtcTicks);
            var query = db.Set<CapacityWindow>().AsNoTracking()
                .Where(w => w.StartUtcTicks >= first && w.StartUtcTicks <= last && w.BookedSlots < w.TotalSlots);
            if (jobType!.BusinessUnitId is { } unit)
            {
                query = query.Where(w => w.BusinessUnitId == unit);
            }

            nextFrom = await ReadAsync(query.OrderBy(w => w.StartUtcTicks).ThenBy(w => w.Id), jobTypeId, to, context.Zone, windows, cancellationToken);
        }

        return new AvailabilityDto(jobTypeId, locationId, from, to, context.Zone.Id, windows, nextFrom);
    }

    /// <summary>
    /// Fills <paramref name="windows"/> with the free windows serving the job type, in start order, reading the time range
    /// (an index range) a chunk at a time and stopping once one more than the answer holds is found: the job types a window
    /// serves are a JSON list, checked here, so a wide range costs what its first 1,000 windows cost. Past 1,000, the last
    /// (partial) day is dropped and answered as the day to continue from.
    /// </summary>
    private static async Task<DateOnly?> ReadAsync(
        IOrderedQueryable<CapacityWindow> ordered, Guid jobTypeId, DateOnly to, TimeZoneInfo zone, List<AvailableWindowDto> windows, CancellationToken ct)
    {
        for (var skip = 0; ; skip += ChunkSize)
        {
            var chunk = await ordered.Skip(skip).Take(ChunkSize).ToListAsync(ct);
            foreach (var window in chunk.Where(w => w.Serves(jobTypeId)))
            {
                var start = window.Start.In(zone);
                var found = new AvailableWindowDto(window.Id, DateOnly.FromDateTime(start.DateTime), start, window.End.In(zone));
                if (windows.Count < AvailabilityDto.MaxWindows)
                {
                    windows.Add(found);
                    continue;
                }

                // One window too many: end with whole days, unless a single day holds them all (its first 1,000 are
                // answered and the next day is where to continue, if the range goes on).
                var cut = windows.FindIndex(w => w.Date == found.Date);
                if (cut > 0)
                {
                    windows.RemoveRange(cut, windows.Count - cut);
                }

                if (cut != 0)
                {
                    return found.Date;
                }

                return found.Date < to ? found.Date.AddDays(1) : null;
            }

            if (chunk.Count < ChunkSize)
            {
                return null;
            }
        }
    }

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/> (later than midnight where the clocks skip midnight).</summary>
    private static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return LocalTimes.Resolve(local, null, zone, "from");
    }
}
