namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>Configuration section "BackgroundJobs": Hangfire's job storage and this process's Hangfire server.</summary>
public sealed class BackgroundJobOptions
{
    public const string SectionName = "BackgroundJobs";

    /// <summary>Whether this process runs a Hangfire server, which executes due jobs; any number of processes may.</summary>
    public bool ServerEnabled { get; set; } = true;

    /// <summary>Jobs this process's server runs at once.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for enqueued jobs, due delayed jobs and due recurring jobs (Hangfire's default is 15 s).</summary>
    public int PollIntervalMs { get; set; } = 15_000;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public BackgroundJobOptions Validated() => (WorkerCount, PollIntervalMs) switch
    {
        ( < 1, _) => throw new InvalidOperationException("BackgroundJobs:WorkerCount must be at least 1."),
        (_, < 10) => throw new InvalidOperationException("BackgroundJobs:PollIntervalMs must be at least 10."),
        _ => this,
    };
}
