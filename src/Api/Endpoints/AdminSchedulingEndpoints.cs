using System.Globalization;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Application.Scheduling.GetBookingSettings;
using HeadlessPortal.Application.Scheduling.UpdateBookingSettings;
using HeadlessPortal.Application.Scheduling.UpsertCapacityWindows;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Scheduling in the Admin API: what customers may book (booking settings), and capacity windows in batches (one by one, they are a synced resource).</summary>
public static class AdminSchedulingEndpoints
{
    /// <summary>A full batch of windows is about 600 KB of JSON; room to spare, but bounded.</summary>
    public const int MaxBatchBytes = 2 * 1024 * 1024;

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
        admin.MapPut("/capacity-windows", PutCapacityWindows)
            .WithTags("Admin: sync capacity-windows")
            .WithName("UpsertCapacityWindows").WithSummary("Create or update many capacity windows")
            .WithDescription($"A week of arrival windows at once (at most {UpsertCapacityWindowsCommand.MaxWindows}, each externalId once), each applied as PUT /v1/admin/capacity-windows/{{externalId}} " +
                "would: created, updated or unchanged, or failed with its own error (validation_failed, unknown_reference, nonexistent_local_time, offset_mismatch...) while the " +
                "others are stored. Slots already booked are kept; a window now smaller than its bookings is stored as sent, reported (overbookedBy, warning " +
                "window_below_bookings, counted in belowBookings) and audited as capacity_window.below_bookings.")
            .RequireScope(Scopes.SyncWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBatchBytes))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    /// <param name="batch">The windows.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    private static async Task<Results<Ok<CapacityWindowBatchResult>, ProblemHttpResult>> PutCapacityWindows(
        [FromBody] CapacityWindowBatch batch, ISender sender, CancellationToken ct) =>
        (await sender.Send(new UpsertCapacityWindowsCommand(batch.Windows), ct)).ToOk();

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

/// <summary>Capacity windows to create or update.</summary>
/// <param name="Windows">1 to 3,500 windows, each with its externalId.</param>
public sealed record CapacityWindowBatch([property: System.ComponentModel.DataAnnotations.Required] IReadOnlyList<CapacityWindowBatchItem>? Windows);
