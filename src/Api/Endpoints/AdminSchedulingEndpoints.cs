using System.Globalization;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Application.Scheduling.GetBookingSettings;
using HeadlessPortal.Application.Scheduling.UpdateBookingSettings;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Scheduling in the Admin API: what customers may book (booking settings).</summary>
public static class AdminSchedulingEndpoints
{
    public static IEndpointRouteBuilder MapAdminSchedulingEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);
        var settings = admin.MapGroup("/booking-settings").WithTags("Admin: booking settings");

        settings.MapGet("/", GetBookingSettings)
            .WithName("GetBookingSettings").WithSummary("Get booking settings")
            .WithDescription("Which job types customers may request and self-schedule (with duration and business unit), how far ahead (horizon) and how soon (lead time) " +
                "they may book, the reschedule/cancel cut-off, and whether website visitors may send requests. The defaults until first saved. " +
                "selfSchedulingEffective is false while features.selfScheduling (portal settings) is off: such a job type is request-only. The ETag header carries the version.")
            .RequireScope(Scopes.SettingsRead);

        settings.MapPut("/", PutBookingSettings)
            .WithName("UpdateBookingSettings").WithSummary("Replace booking settings")
            .WithDescription("Send the document GET returned, changed; read-only fields are ignored and a number left out takes its default. Job types and business units are " +
                "named by the back office's ids: an unknown one is 422 unknown_reference naming the field (jobTypes[0].jobTypeId). If-Match is optional; a stale one is 412. " +
                "Admin only (settings:write). Each change is audited as booking_settings.updated.")
            .RequireScope(Scopes.SettingsWrite)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <param name="sender">The mediator.</param>
    /// <param name="http">For the ETag header.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Ok<BookingSettingsDto>> GetBookingSettings(ISender sender, HttpContext http, CancellationToken ct)
    {
        var settings = await sender.Send(new GetBookingSettingsQuery(), ct);
        http.Response.Headers.ETag = ETag(settings.Version);
        return TypedResults.Ok(settings);
    }

    /// <param name="settings">The booking settings document.</param>
    /// <param name="ifMatch">Optional: the ETag from GET; the change applies only while it is current.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="http">For the ETag header.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<BookingSettingsDto>, ProblemHttpResult>> PutBookingSettings(
        [FromBody] BookingSettingsInput settings, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, HttpContext http, CancellationToken ct)
    {
        int? expected = null;
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (!int.TryParse(ifMatch.Trim().TrimStart('W', '/').Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return new Error(ErrorKind.PreconditionFailed, "precondition_failed", "If-Match does not match the current booking settings; GET them again.").ToProblem();
            }

            expected = version;
        }

        var result = await sender.Send(new UpdateBookingSettingsCommand(settings, expected), ct);
        if (result.IsSuccess)
        {
            http.Response.Headers.ETag = ETag(result.Value.Version);
        }

        return result.ToOk();
    }

    private static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
}
