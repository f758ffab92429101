using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.PortalScheduling.GetAvailability;
using HeadlessPortal.Application.PortalScheduling.GetBookingOptions;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The portal's booking reads: what the user may book, and the free windows of a self-schedulable job type.</summary>
public static class PortalSchedulingEndpoints
{
    public static IEndpointRouteBuilder MapPortalSchedulingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapSignedInPortalGroup("Portal: booking");

        group.MapGet("/booking-options", GetBookingOptions)
            .WithName("GetPortalBookingOptions").WithSummary("What the user may book")
            .WithDescription("The job types open to requests (selfSchedulable: bookable into a free window at once; otherwise request-only, also while the company has " +
                "self-scheduling off), the user's service locations (service-only access is enough), and the company's horizon, lead time and reschedule/cancel cut-off, " +
                "with the earliest and latest bookable starts now in the company's time zone. While the company has job booking off: 404 job_booking_off.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/availability", GetAvailability)
            .WithName("GetPortalAvailability").WithSummary("Free windows for a job type")
            .WithDescription($"Arrival windows serving the job type (of its business unit, when the company set one) with a free slot, starting no sooner than the lead " +
                $"time and no later than the horizon from now, on the days from-to of the company's calendar (at most {GetAvailabilityQuery.MaxDays} days; default two weeks from today), " +
                "in start order. Starts and ends carry the company's UTC offset on their day, so they are right across a daylight-saving change. A location the user cannot " +
                "access is 404; a job type not self-schedulable now (not set so, or self-scheduling off) is 422 job_type_not_self_schedulable; job booking off is 404 job_booking_off.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<BookingOptionsDto>, ProblemHttpResult>> GetBookingOptions(ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetBookingOptionsQuery(), ct)).ToOk();

    /// <param name="jobTypeId">The job type's id (from booking options).</param>
    /// <param name="locationId">One of the user's locations.</param>
    /// <param name="from">First day (yyyy-MM-dd) in the company's time zone; default today.</param>
    /// <param name="to">Last day, included; default from plus 13 days.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<AvailabilityDto>, ProblemHttpResult>> GetAvailability(
        [FromQuery, Required] Guid? jobTypeId, [FromQuery, Required] Guid? locationId, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetAvailabilityQuery(jobTypeId, locationId, from, to), ct)).ToOk();
}
