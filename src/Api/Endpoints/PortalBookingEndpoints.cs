using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Bookings.CancelAppointment;
using HeadlessPortal.Application.Bookings.GetPortalBooking;
using HeadlessPortal.Application.Bookings.ListPortalBookings;
using HeadlessPortal.Application.Bookings.RequestPortalBooking;
using HeadlessPortal.Application.Bookings.RescheduleAppointment;
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
            .WithName("RequestPortalBooking").WithSummary("Request or book an appointment")
            .WithDescription(
                "Book a window (self-scheduling): { jobTypeId (a job type self-schedulable now: selfSchedulable in booking-options), locationId, windowId (a free window " +
                "from GET /v1/portal/availability for that job type and location), description?, contactPhone? } takes one of the window's slots and answers 201 with " +
                "status booked and the appointment (the window's start and end in the company's time zone with their offset); the appointment.booked event goes out. " +
                "409 window_full when its last slot was taken meanwhile; 422 window_not_offered (errors.windowId) for a window that is unknown, not for that job type or " +
                "business unit, or outside the bookable period (lead time to horizon); 422 job_type_not_self_schedulable for a job type that is request-only (or while " +
                "features.selfScheduling is off). Until the back office syncs the job, the booked booking is the appointment: reschedule or cancel it at " +
                "/v1/portal/appointments/{id} with the booking's id. " +
                "Or request work the office then schedules: { jobTypeId (a job type open to requests), locationId (a location of a customer the user can see; service-only " +
                "access is enough), preferredWindows: 1 to 3 { from, to } ranges of days (yyyy-MM-dd, inclusive, today or later in the company's time zone, at most 31 days " +
                "long, starting within 365 days), description? (at most 2000 characters), contactPhone? (E.164) }. Requires an Idempotency-Key header (a new UUID per " +
                "request, the same one when retrying): a replay answers 201 with the first request; the same key with another body is 422 idempotency_key_reused. " +
                "Answers 201 with the request (status new); the office is told by email and the booking.requested event. 404 not_found for a location the user cannot see; " +
                "422 job_type_not_bookable (errors.jobTypeId) for a job type that is unknown or not open to requests, invalid_preferred_windows (errors.preferredWindows) " +
                "for windows in the past or too far ahead; 400 validation_failed. " + Off)
            .Accepts<RequestPortalBookingRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        bookings.MapGet("/bookings", List)
            .WithName("ListPortalBookings").WithSummary("My booking requests")
            .WithDescription(
                "The requests the user sent, for customers they can still see, newest first; ?status= new, scheduled or dismissed. Cursor pagination (?limit= 1-100, " +
                "default 25; ?after= a nextCursor); ?status= booked or canceled for self-scheduled appointments. Times in the company's time zone with their offset. " + Off)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        bookings.MapGet("/bookings/{id}", async (string id, ISender sender, CancellationToken ct) => (await sender.Send(new GetPortalBookingQuery(id), ct)).ToOk())
            .WithName("GetPortalBooking").WithSummary("One of my booking requests")
            .WithDescription(
                "Its status (new, scheduled, dismissed), job type, customer and location, preferred windows, description and contact phone. Another user's request, one of " +
                "a customer the user can no longer see, an unknown id and another company's are all 404 not_found. " + Off)
            .ProducesProblems(StatusCodes.Status404NotFound);

        const string Change =
            "{id} is the id of the user's booked booking (POST /v1/portal/bookings with a windowId): until the back office syncs the job, the self-scheduled booking is " +
            "the appointment. Requires an Idempotency-Key header (a replay answers 200 with the same appointment; the same key with another body is 422 " +
            "idempotency_key_reused). Another user's booking, an unknown id and another company's are 404 not_found; a booking that is not booked (a request, or " +
            "already canceled) is 409 appointment_not_changeable; within the company's cut-off before the window (booking settings changeCutOffHours) it is 409 " +
            "change_cutoff_passed. ";
        bookings.MapPost("/appointments/{id}/reschedule", Reschedule)
            .WithName("RescheduleAppointment").WithSummary("Move my appointment to another window")
            .WithDescription(
                "{ windowId }: another free window from GET /v1/portal/availability for the appointment's job type and location. Its slot is taken and the old window's " +
                "slot returned in one transaction; answers 200 with the booking and its new appointment; the appointment.rescheduled event goes out. 409 window_full " +
                "(nothing changed), 422 window_not_offered (errors.windowId, also for the window already booked), 422 job_type_not_self_schedulable when self-scheduling " +
                "is off now. " + Change + Off)
            .Accepts<RescheduleAppointmentRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        bookings.MapPost("/appointments/{id}/cancel", Cancel)
            .WithName("CancelAppointment").WithSummary("Cancel my appointment")
            .WithDescription(
                "{ reason? } (at most 1000 characters). The slot returns to its window; answers 200 with the booking, status canceled; the appointment.canceled event " +
                "goes out. Canceling is possible while self-scheduling is off too. " + Change + Off)
            .Accepts<CancelAppointmentRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Move my appointment to another window.</summary>
    /// <param name="id">The booked booking's id.</param>
    /// <param name="body">The new window.</param>
    /// <param name="idempotencyKey">A unique value per request (a UUID); send the same one when retrying.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PortalBookingDto>, ProblemHttpResult>> Reschedule(
        string id, [FromBody] RescheduleAppointmentRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, ISender sender, CancellationToken ct) =>
        (await sender.Send(new RescheduleAppointmentCommand(id, idempotencyKey, body), ct)).ToOk();

    /// <summary>Cancel my appointment.</summary>
    /// <param name="id">The booked booking's id.</param>
    /// <param name="body">The reason, if any.</param>
    /// <param name="idempotencyKey">A unique value per request (a UUID); send the same one when retrying.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<PortalBookingDto>, ProblemHttpResult>> Cancel(
        string id, [FromBody] CancelAppointmentRequest body, [FromHeader(Name = "Idempotency-Key"), Required] string? idempotencyKey, ISender sender, CancellationToken ct) =>
        (await sender.Send(new CancelAppointmentCommand(id, idempotencyKey, body), ct)).ToOk();

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
