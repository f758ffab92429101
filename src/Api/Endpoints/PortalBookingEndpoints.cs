using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Bookings.GetPortalBooking;
using HeadlessPortal.Application.Bookings.ListPortalBookings;
using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Common.Paging;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The signed-in customer's booking requests: ask for work at one of their locations, and follow what the office did with it.</summary>
public static class PortalBookingEndpoints
{
    private const string Off = "While the company does not take booking requests (GET /v1/public/portal features.jobBooking false) every bookings endpoint answers 404 job_booking_off.";

    public static IEndpointRouteBuilder MapPortalBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapSignedInPortalGroup("Portal: bookings");

        bookings.MapPost("/bookings", Request)
            .WithName("RequestPortalBooking").WithSummary("Request an appointment")
            .WithDescription(
                "A request for work the office then schedules: { jobTypeId (a job type open to requests), locationId (a location of a customer the user can see; service-only " +
                "access is enough), preferredWindows: 1 to 3 { from, to } ranges of days (yyyy-MM-dd, inclusive, today or later in the company's time zone, at most 31 days " +
                "long, starting within 365 days), description? (at most 2000 characters), contactPhone? (E.164) }. Requires an Idempotency-Key header (a new UUID per " +
                "request, the same one when retrying): a replay answers 201 with the first request; the same key with another body is 422 idempotency_key_reused. " +
                "Answers 201 with the request (status new); the office is told by email and the booking.requested event. 404 not_found for a location the user cannot see; " +
                "422 job_type_not_bookable (errors.jobTypeId) for a job type that is unknown or not open to requests, invalid_preferred_windows (errors.preferredWindows) " +
                "for windows in the past or too far ahead; 400 validation_failed. " + Off)
            .Accepts<RequestPortalBookingRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        bookings.MapGet("/bookings", List)
            .WithName("ListPortalBookings").WithSummary("My booking requests")
            .WithDescription(
                "The requests the user sent, for customers they can still see, newest first; ?status= new, scheduled or dismissed. Cursor pagination (?limit= 1-100, " +
                "default 25; ?after= a nextCursor). Times in the company's time zone with their offset. " + Off)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        bookings.MapGet("/bookings/{id}", async (string id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPortalBookingQuery(id), ct)).ToOk())
            .WithName("GetPortalBooking").WithSummary("One of my booking requests")
            .WithDescription(
                "Its status (new, scheduled, dismissed), job type, customer and location, preferred windows, description and contact phone. Another user's request, one of " +
                "a customer the user can no longer see, an unknown id and another company's are all 404 not_found. " + Off)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Request an appointment.</summary>
    /// <param name="body">The job type, location, preferred windows, description and contact phone.</param>
    /// <param name="idempotencyKey">A unique value per request (a UUID); send the same one when retrying.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Created<PortalBookingDto>, ProblemHttpResult>> Request(
        [FromBody] RequestPortalBookingRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, ISender sender, CancellationToken ct) =>
        (await sender.Send(new RequestPortalBookingCommand(idempotencyKey, body), ct)).ToCreated(b => $"/v1/portal/bookings/{b.Id}");

    /// <summary>My booking requests.</summary>
    /// <param name="status">new, scheduled or dismissed.</param>
    /// <param name="limit">Page size, 1-100 (default 25).</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CursorPage<PortalBookingDto>>, ProblemHttpResult>> List(
        [FromQuery] string? status, [FromQuery] int? limit, [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ListPortalBookingsQuery(status, limit, after), ct)).ToOk();
}
