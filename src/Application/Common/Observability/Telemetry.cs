using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HeadlessPortal.Application.Common.Observability;

/// <summary>
/// Our own spans and metrics, on the runtime's <see cref="ActivitySource"/> and <see cref="Meter"/> so no layer needs a
/// telemetry package: the host subscribes to <see cref="Name"/> and exports what it collects (OpenTelemetry, OTLP).
/// Nothing is recorded while nobody listens.
/// </summary>
public static class Telemetry
{
    public const string Name = "HeadlessPortal";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Payments whose status moved, tagged <c>outcome</c> with the status they moved to (succeeded, failed, processing, ...).</summary>
    public static readonly Counter<long> Payments = Meter.CreateCounter<long>(
        "portal.payments", "{payment}", "Payments whose status moved, by the status they reached.");

    /// <summary>Outbox messages given up after their last attempt, tagged <c>type</c>.</summary>
    public static readonly Counter<long> OutboxDeadLetters = Meter.CreateCounter<long>(
        "portal.outbox.dead_letters", "{message}", "Outbox messages that failed their last attempt and wait for an operator.");

    /// <summary>Bulk-import records, tagged <c>outcome</c>: applied or failed.</summary>
    public static readonly Counter<long> ImportRecords = Meter.CreateCounter<long>(
        "portal.import.records", "{record}", "Records read from bulk imports, by outcome.");

    /// <summary>Marks a span failed with the exception's type only: messages may carry data that must not leave the process.</summary>
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
