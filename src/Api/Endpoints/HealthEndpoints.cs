using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>Liveness and readiness probes for orchestrators and load balancers.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();

        health.MapGet("/live", Live)
            .WithName("HealthLive")
            .WithSummary("Liveness probe")
            .WithDescription("Answers 200 while the process runs. Checks no dependency, so a database outage never restarts the process.");

        health.MapGet("/ready", Ready)
            .WithName("HealthReady")
            .WithSummary("Readiness probe")
            .WithDescription("Answers 200 when the database is reachable and every migration has been applied, 503 otherwise.")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static Ok<HealthResponse> Live() => TypedResults.Ok(new HealthResponse("healthy", new Dictionary<string, HealthCheckResponse>()));

    /// <param name="health">The registered health checks.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), cancellationToken);
        var body = new HealthResponse(
            Lower(report.Status),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(Lower(e.Value.Status), e.Value.Description)));
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string Lower(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The outcome of a health probe.</summary>
/// <param name="Status">healthy, degraded or unhealthy.</param>
/// <param name="Checks">Each check by name.</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

/// <summary>One health check's outcome.</summary>
/// <param name="Status">healthy, degraded or unhealthy.</param>
/// <param name="Description">What the check found.</param>
public sealed record HealthCheckResponse(string Status, string? Description);
