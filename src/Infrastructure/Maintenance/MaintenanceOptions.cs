namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>Configuration section "Maintenance": the recurring housekeeping job.</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Maintenance";

    /// <summary>Whether this process schedules the housekeeping job.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two runs.</summary>
    public int IntervalSeconds { get; set; } = 300;

    public MaintenanceOptions Validated() => IntervalSeconds >= 1
        ? this
        : throw new InvalidOperationException("Maintenance:IntervalSeconds must be at least 1.");
}
