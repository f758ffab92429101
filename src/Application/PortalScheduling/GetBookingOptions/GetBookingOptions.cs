using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalJobs;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalScheduling.GetBookingOptions;

/// <summary>What the signed-in user may book, and where.</summary>
public sealed record GetBookingOptionsQuery : IQuery<Result<BookingOptionsDto>>;

/// <summary>What the user may book: job types, their locations, and the company's booking limits.</summary>
/// <param name="JobTypes">Job types open to requests; selfSchedulable marks those the user can book into a free window at once.</param>
/// <param name="Locations">The service locations of every customer the user can access (service-only access is enough), oldest first; at most 1,000.</param>
/// <param name="HorizonDays">How far ahead a window may be booked.</param>
/// <param name="LeadTimeHours">How soon: windows starting sooner cannot be booked.</param>
/// <param name="ChangeCutOffHours">Appointments may be rescheduled or canceled until this many hours before their window.</param>
/// <param name="EarliestStart">The earliest window start bookable now (now plus the lead time), in the company's time zone.</param>
/// <param name="LatestStart">The latest window start bookable now (now plus the horizon), in the company's time zone.</param>
/// <param name="TimeZone">The company's time zone (IANA id); every time is shown in it.</param>
public sealed record BookingOptionsDto(
    IReadOnlyList<PortalBookableJobTypeDto> JobTypes,
    IReadOnlyList<PortalLocationDto> Locations,
    int HorizonDays,
    int LeadTimeHours,
    int ChangeCutOffHours,
    DateTimeOffset EarliestStart,
    DateTimeOffset LatestStart,
    string TimeZone)
{
    public const int MaxLocations = 1000;
}

/// <summary>A job type the user may ask for.</summary>
/// <param name="Id">The job type's id (availability and bookings name it).</param>
/// <param name="Name">Its name, such as "AC tune-up".</param>
/// <param name="DurationMinutes">How long the work takes.</param>
/// <param name="SelfSchedulable">Whether the user can book a free window for it at once; otherwise they send a request.</param>
public sealed record PortalBookableJobTypeDto(Guid Id, string Name, int DurationMinutes, bool SelfSchedulable);

internal sealed class GetBookingOptionsHandler(IAppDbContext db, ICurrentTenant tenant, PortalViewer viewer)
    : IQueryHandler<GetBookingOptionsQuery, Result<BookingOptionsDto>>
{
    public async ValueTask<Result<BookingOptionsDto>> Handle(GetBookingOptionsQuery request, CancellationToken cancellationToken)
    {
        var context = await viewer.ContextAsync(cancellationToken);
        var features = context.Settings.Features;
        if (!features.JobBooking)
        {
            return PortalBookingErrors.JobBookingOff;
        }

        var settings = await BookingSettingsReader.GetAsync(db, tenant.Required(), cancellationToken);
        var requestable = settings.JobTypes.Where(j => j.Requestable).ToList();
        var ids = requestable.Select(j => j.JobTypeId).ToList();

        // A job type the back office removed is not offered.
        var names = await db.Set<JobType>().AsNoTracking().Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
        var jobTypes = requestable.Where(j => names.ContainsKey(j.JobTypeId))
            .Select(j => new PortalBookableJobTypeDto(j.JobTypeId, names[j.JobTypeId], j.DurationMinutes, BookingSettings.IsSelfSchedulable(j, features)))
            .OrderBy(j => j.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var locations = await db.Set<Location>().AsNoTracking().Where(l => customerIds.Contains(l.CustomerId)).OrderBy(l => l.Id)
            .Take(BookingOptionsDto.MaxLocations).ToListAsync(cancellationToken);

        var period = settings.BookablePeriod(context.Now);
        return new BookingOptionsDto(
            jobTypes,
            locations.Select(l => new PortalLocationDto(l.Id, l.Name, AddressDocument.From(l.Address)!, l.CustomerId)).ToList(),
            settings.HorizonDays,
            settings.LeadTimeHours,
            settings.ChangeCutOffHours,
            period.From.In(context.Zone),
            period.To.In(context.Zone),
            context.Zone.Id);
    }
}
