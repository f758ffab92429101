using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>Configuration section "Maintenance": the recurring housekeeping jobs, one per <c>IMaintenanceTask</c>.</summary>
public sealed class MaintenanceOptions : ISelfCheckingOptions
{
    public const string SectionName = "Maintenance";

    /// <summary>The default schedule: every five minutes, as the housekeeping job ran before it was split per task.</summary>
    public const string DefaultCron = "*/5 * * * *";

    /// <summary>
    /// Whether the recurring jobs exist. True adds or updates them in the job storage when the process starts;
    /// false removes them. The storage is shared by every process on the database, so give them all one value.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// When each task runs, as a cron expression in UTC: five fields (minute granularity) or six with seconds first
    /// (then no finer than <c>BackgroundJobs:PollIntervalMs</c>, how often Hangfire looks for due recurring jobs).
    /// </summary>
    public string Cron { get; set; } = DefaultCron;

    /// <summary>
    /// The interval in seconds the cron expression replaced. Bound only to be refused: a deployment that still sets it
    /// would otherwise run on the default schedule without a word.
    /// </summary>
    public int? IntervalSeconds { get; set; }

    /// <inheritdoc />
    public string? Problem() =>
        IntervalSeconds is not null
            ? "Maintenance:IntervalSeconds is no longer read: the maintenance tasks run on Hangfire by a cron expression. " +
              $"Set Maintenance:Cron instead (default '{DefaultCron}', every five minutes) and remove Maintenance:IntervalSeconds."
            : Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6)
                ? $"Maintenance:Cron must be a cron expression of five or six fields, not '{Cron}'."
                : null;
}
