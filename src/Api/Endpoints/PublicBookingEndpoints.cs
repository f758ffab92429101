using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Bookings;
using HeadlessPortal.Application.Bookings.GetWebsiteBookingOptions;
using HeadlessPortal.Application.Bookings.RequestWebsiteBooking;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Booking requests from visitors of the company's website: no account, the publishable key names the company.</summary>
public static class PublicBookingEndpoints
{
    public static IEndpointRouteBuilder MapPublicBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapPublicGroup().WithTags("Public: booking requests");
        group.MapGet("/booking-options", async (ISender sender, CancellationToken ct) => (await sender.Send(new GetWebsiteBookingOptionsQuery(), ct)).ToOk())
            .WithName("GetWebsiteBookingOptions").WithSummary("What a website's booking form offers")
            .WithDescription(
                "The job types a visitor may request (id and name, by name), how many preferred windows a request may give and how long each may be, and today in " +
                "the company's time zone (the first day a window may start). 404 job_booking_off while the company does not take booking requests, " +
                "website_requests_off while it takes none from websites.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPost("/booking-requests", Request)
            .WithName("RequestWebsiteBooking").WithSummary("Send a booking request from a website")
            .WithDescription(
                "A website visitor asks for work: { name, email, phone (E.164), address { line1, line2?, city, region?, postalCode?, country (ISO 3166, such as US) }, " +
                "jobTypeId (a job type open to requests: GET /v1/public/booking-options), preferredWindows: 1 to 3 { from, to } ranges of days (yyyy-MM-dd, inclusive, today or later in the company's " +
                "time zone), description? (at most 2000 characters), website? }. The request lands in the office's Bookings list (source website) and the office is told " +
                "by email and the booking.requested event. Answers 202 { status: \"received\" }, the same whoever the visitor is: nothing is matched against the " +
                "company's customers. website is a honeypot: a field the form hides from people; a request with it filled in gets the same 202 and is not kept. " +
                "Rate limited per IP address and per key, more tightly than other public endpoints (RateLimits:BookingRequestsPerIpPerHour, 10; " +
                "RateLimits:BookingRequestsPerKeyPerHour, 300): 429 with Retry-After. From a browser, only the key's registered origins (403 origin_not_allowed). " +
                "404 job_booking_off while the company does not take booking requests, website_requests_off while it takes none from websites; 422 " +
                "job_type_not_bookable (errors.jobTypeId), invalid_preferred_windows (errors.preferredWindows); 400 validation_failed.")
            .Accepts<RequestWebsiteBookingRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <param name="body">Who the visitor is, where, what and when.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Accepted<WebsiteBookingReceiptDto>, ProblemHttpResult>> Request(
        [FromBody] RequestWebsiteBookingRequest body, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RequestWebsiteBookingCommand(body), ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null, result.Value) : result.Error!.ToProblem();
    }
}
