using HeadlessPortal.Application.Common.Observability;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HeadlessPortal.Api.Observability;

/// <summary>
/// OpenTelemetry traces and metrics: incoming requests, outgoing HTTP (Stripe), the database (EF Core's commands on
/// SQLite, Npgsql's on PostgreSQL, so no command is traced twice) and our own spans and counters
/// (<see cref="Telemetry"/>: the mediator, outbox deliveries, import batches, background jobs, payments).
/// They are collected and exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without it
/// nothing is collected (spans cost about a third of a cheap request's throughput; docs/PERFORMANCE.md) unless
/// <c>Telemetry:Collect</c> is true, which tests use to read spans in memory.
/// </summary>
public static class TelemetryRegistration
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Collect spans and metrics even with no exporter (for a processor a test adds).</summary>
    public const string CollectSetting = "Telemetry:Collect";

    public static IServiceCollection AddApiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var export = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (!export && !configuration.GetValue<bool>(CollectSetting))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: configuration["OTEL_SERVICE_NAME"] ?? "headless-portal-api"))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(Telemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider?.Contains("Npgsql", StringComparison.Ordinal) != true)
                    .AddNpgsql();
                if (export)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Telemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (export)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }
}
