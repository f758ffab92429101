using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Bookings.DismissBooking;
using HeadlessPortal.Application.Bookings.GetBooking;
using HeadlessPortal.Application.Bookings.ListBookings;
using HeadlessPortal.Application.Bookings.ScheduleBooking;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The office's Bookings list: requests from the portal and from websites, scheduled in the back office or dismissed.</summary>
public static class AdminBookingEndpoints
{
    public static IEndpointRouteBuilder MapAdminBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin: bookings")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);

        admin.MapGet("/bookings", List)
            .WithName("ListBookings").WithSummary("The Bookings list")
            .WithDescription(
                "Booking requests from the portal (with the customer, location and portal user) and from websites (with the visitor's name, email, phone and address, " +
                "not matched against customers), newest first. Filters: ?status= new, scheduled or dismissed; ?source= portal or website; ?createdFrom= and ?createdTo= " +
                "(date-times with an offset; from inclusive, to exclusive). Cursor pagination (?limit= 1-100, default 25; ?after= a nextCursor). Times in the company's " +
                "time zone with their offset. Scope bookings:read (office, integration and admin roles).")
            .RequireScope(Scopes.BookingsRead)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        admin.MapGet("/bookings/{id:guid}", Get)
            .WithName("GetBooking").WithSummary("A booking request")
            .WithDescription("One booking request. 404 not_found for an unknown id or another company's request. Scope bookings:read.")
            .RequireScope(Scopes.BookingsRead)
            .ProducesProblems(StatusCodes.Status404NotFound);

        admin.MapPost("/bookings/{id:guid}/schedule", Schedule)
            .WithName("ScheduleBooking").WithSummary("Mark a booking request scheduled")
            .WithDescription(
                "The office made the job in the back office: { jobId: the back office's job id, appointmentId?: its appointment's id }. The request becomes scheduled " +
                "(the customer sees it so in the portal) and the change is audited (booking.scheduled); the back office then syncs the job and appointment as usual. " +
                "Only a new request: 409 booking_not_new once scheduled or dismissed. A self-scheduled booking (status booked) is linked the same way, once, " +
                "and stays booked: the customer already has the appointment, nothing new is made. 404 not_found for an unknown id. Scope bookings:write (office staff handle bookings).")
            .RequireScope(Scopes.BookingsWrite)
            .Accepts<ScheduleBookingRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        admin.MapPost("/bookings/{id:guid}/dismiss", Dismiss)
            .WithName("DismissBooking").WithSummary("Dismiss a booking request")
            .WithDescription(
                "The office will not do it: { reason } (at most 1000 characters; kept for the office, the customer sees only the status). Audited (booking.dismissed). " +
                "Only a new request: 409 booking_not_new once scheduled or dismissed, and for a self-scheduled booking (booked or canceled): the customer " +
                "has or had the appointment, which only they cancel. 404 not_found for an unknown id. Scope bookings:write.")
            .RequireScope(Scopes.BookingsWrite)
            .Accepts<DismissBookingRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    /// <param name="status">new, scheduled or dismissed.</param>
    /// <param name="source">portal or website.</param>
    /// <param name="createdFrom">Only requests sent at or after this time.</param>
    /// <param name="createdTo">Only requests sent before this time.</param>
    /// <param name="limit">Page size, 1-100; default 25.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<CursorPage<BookingDto>>> List(
        [FromQuery] string? status, [FromQuery] string? source, [FromQuery] DateTimeOffset? createdFrom, [FromQuery] DateTimeOffset? createdTo, [FromQuery] int? limit,
        [FromQuery] string? after, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListBookingsQuery(status, source, createdFrom, createdTo, limit, after), ct));

    /// <param name="id">The booking's id.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Get(Guid id, ISender sender, CancellationToken ct) =>
        (await sender.Send(new GetBookingQuery(id), ct)).ToOk();

    /// <param name="id">The booking's id.</param>
    /// <param name="body">The back office's job and appointment.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Schedule(Guid id, [FromBody] ScheduleBookingRequest body, ISender sender, CancellationToken ct) =>
        (await sender.Send(new ScheduleBookingCommand(id, body), ct)).ToOk();

    /// <param name="id">The booking's id.</param>
    /// <param name="body">Why.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Dismiss(Guid id, [FromBody] DismissBookingRequest body, ISender sender, CancellationToken ct) =>
        (await sender.Send(new DismissBookingCommand(id, body), ct)).ToOk();
}
