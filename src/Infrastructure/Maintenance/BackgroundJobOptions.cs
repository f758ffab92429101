using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>Configuration section "BackgroundJobs": Hangfire's job storage and this process's Hangfire server.</summary>
public sealed class BackgroundJobOptions : ISelfCheckingOptions
{
    public const string SectionName = "BackgroundJobs";

    /// <summary>Whether this process runs a Hangfire server, which executes due jobs; any number of processes may.</summary>
    public bool ServerEnabled { get; set; } = true;

    /// <summary>Jobs this process's server runs at once.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for enqueued jobs, due delayed jobs and due recurring jobs (Hangfire's default is 15 s).</summary>
    public int PollIntervalMs { get; set; } = 15_000;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    /// <inheritdoc />
    public string? Problem() =>
        WorkerCount < 1 ? "BackgroundJobs:WorkerCount must be at least 1."
        : PollIntervalMs < 10 ? "BackgroundJobs:PollIntervalMs must be at least 10."
        : null;
}
