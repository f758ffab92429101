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

internal sealed class GetAvailabilityHandler(IAppDbContext db, ICurrentTenant tenant, PortalViewer viewer, IAvailableWindowSearch search)
    : IQueryHandler<GetAvailabilityQuery, Result<AvailabilityDto>>
{
    public async ValueTask<Result<AvailabilityDto>> Handle(GetAvailabilityQuery request, CancellationToken cancellationToken)
    {
        var context = await viewer.ContextAsync(cancellationToken);
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
            // One more than an answer holds: whether the range goes on past it.
            var found = await search.FindAsync(jobTypeId, jobType!.BusinessUnitId, period.From.UtcTicks, period.To.UtcTicks, AvailabilityDto.MaxWindows + 1, cancellationToken);
            windows.AddRange(found.Select(w =>
            {
                var start = w.Start.In(context.Zone);
                return new AvailableWindowDto(w.Id, DateOnly.FromDateTime(start.DateTime), start, w.End.In(context.Zone));
            }));
            nextFrom = WholeDays(windows, to);
        }

        return new AvailabilityDto(jobTypeId, locationId, from, to, context.Zone.Id, windows, nextFrom);
    }

    /// <summary>
    /// Past <see cref="AvailabilityDto.MaxWindows"/> windows (one more was read), drops the last, partial day and answers it
    /// as the day to continue from; a single day of more windows keeps its first ones, the next day (if in range) to continue.
    /// </summary>
    private static DateOnly? WholeDays(List<AvailableWindowDto> windows, DateOnly to)
    {
        if (windows.Count <= AvailabilityDto.MaxWindows)
        {
            return null;
        }

        var next = windows[AvailabilityDto.MaxWindows];
        var cut = windows.FindIndex(w => w.Date == next.Date);
        if (cut > 0)
        {
            windows.RemoveRange(cut, windows.Count - cut);
            return next.Date;
        }

        windows.RemoveRange(AvailabilityDto.MaxWindows, windows.Count - AvailabilityDto.MaxWindows);
        return next.Date < to ? next.Date.AddDays(1) : null;
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
