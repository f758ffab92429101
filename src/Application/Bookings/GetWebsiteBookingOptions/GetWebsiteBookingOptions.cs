using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Bookings;
using Mediator;

namespace HeadlessPortal.Application.Bookings.GetWebsiteBookingOptions;

/// <summary>What a website's booking form offers: the job types open to requests, and the limits of preferred windows.</summary>
/// <param name="JobTypes">The job types a visitor may request, by name.</param>
/// <param name="MaxPreferredWindows">How many preferred windows a request may give (3).</param>
/// <param name="MaxWindowDays">How many days one window may span (31).</param>
/// <param name="Today">Today in the company's time zone: the first day a window may start.</param>
public sealed record WebsiteBookingOptionsDto(IReadOnlyList<PortalBookingJobTypeDto> JobTypes, int MaxPreferredWindows, int MaxWindowDays, DateOnly Today);

/// <summary>The booking form's options, while the company takes requests from websites.</summary>
public sealed record GetWebsiteBookingOptionsQuery : IQuery<Result<WebsiteBookingOptionsDto>>;

internal sealed class GetWebsiteBookingOptionsHandler(IAppDbContext db, BookableJobTypes jobTypes, ICurrentTenant tenant, IClock clock)
    : IQueryHandler<GetWebsiteBookingOptionsQuery, Result<WebsiteBookingOptionsDto>>
{
    public async ValueTask<Result<WebsiteBookingOptionsDto>> Handle(GetWebsiteBookingOptionsQuery request, CancellationToken cancellationToken)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        if (!context.Settings.Features.JobBooking)
        {
            return BookingCodes.BookingOff();
        }

        if (!await jobTypes.WebsiteRequestsAsync(cancellationToken))
        {
            return BookingCodes.WebsiteOff();
        }

        var open = await jobTypes.AllRequestableAsync(cancellationToken);
        return new WebsiteBookingOptionsDto(
            open.Select(j => new PortalBookingJobTypeDto(j.Id, j.Name)).ToList(), BookingRules.MaxPreferredWindows, BookingRules.MaxWindowDays, context.Today);
    }
}
