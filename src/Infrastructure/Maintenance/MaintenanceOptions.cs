using Microsoft.Extensions.Configuration;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>Configuration section "Maintenance": the recurring housekeeping jobs, one per <c>IMaintenanceTask</c>.</summary>
public sealed class MaintenanceOptions
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

    /// <summary>The section's settings, refusing the interval in seconds that the cron expression replaced.</summary>
    public static MaintenanceOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (section["IntervalSeconds"] is not null)
        {
            throw new InvalidOperationException(
                "Maintenance:IntervalSeconds is no longer read: the maintenance tasks run on Hangfire by a cron expression. " +
                $"Set Maintenance:Cron instead (default '{DefaultCron}', every five minutes) and remove Maintenance:IntervalSeconds.");
        }

        var options = section.Get<MaintenanceOptions>() ?? new MaintenanceOptions();
        var fields = options.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return fields is 5 or 6
            ? options
            : throw new InvalidOperationException($"Maintenance:Cron must be a cron expression of five or six fields, not '{options.Cron}'.");
    }
}
