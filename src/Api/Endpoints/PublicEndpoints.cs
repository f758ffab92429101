using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.Portal;
using HeadlessPortal.Application.PublicPortal.GetPublicPortal;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// The public API for anonymous visitors of a company's website and front ends. The tenant comes from the
/// X-Portal-Key header (a publishable key); browsers may use a key only from its registered origins.
/// </summary>
public static class PublicEndpoints
{
    public static RouteGroupBuilder MapPublicGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/v1/public")
            .AddEndpointFilter<PortalAvailabilityFilter>()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError);

    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapPublicGroup().WithTags("Public");
        group.MapGet("/portal", GetPortal)
            .WithName("GetPublicPortal")
            .WithSummary("Portal configuration for a front end")
            .WithDescription("Identified by X-Portal-Key or ?host=<host name>. Answers even while the portal is off (status notAvailable) so a front end can draw a branded " +
                "\"portal not available\" screen; every other public and portal endpoint then answers 403 portal_not_available. Changes to settings show on the next request.")
            .WithMetadata(new AvailableWhenPortalOff())
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="host">The portal's host name, when no X-Portal-Key is sent.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="ct">Request aborted.</param>
    // PortalCallerMiddleware reads "host"; it is declared here so the contract documents it.
    private static async Task<Results<Ok<PublicPortalDto>, ProblemHttpResult>> GetPortal([FromQuery] string? host, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetPublicPortalQuery(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
    }
}
