using System.Collections.Concurrent;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// Benchmark baseline, mapped only when Bench:BaselineEndpoints is true (off by default, never in the OpenAPI
/// document): PUT stores the bytes of a real response captured by the benchmark script, GET answers them from
/// memory without authentication or database, so a run can compare an endpoint with the cost of HTTP alone.
/// </summary>
public static class BenchBaselineEndpoints
{
    public const string Flag = "Bench:BaselineEndpoints";
    private const int MaxBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapBenchBaselineEndpoints(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Flag))
        {
            return app;
        }

        var captured = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var group = app.MapGroup("/bench/baseline").ExcludeFromDescription();
        group.MapPut("/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            captured[name] = buffer.ToArray();
            return Results.NoContent();
        });
        group.MapGet("/{name}", (string name) =>
            captured.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/json; charset=utf-8") : Results.NotFound());
        return app;
    }
}
