using HeadlessPortal.Application.Messaging;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>
/// Once the host has started (migrations have run), makes the job storage's recurring jobs match this process's
/// maintenance tasks: one recurring job per <see cref="IMaintenanceTask"/>, with the task's name as its id, on
/// <see cref="MaintenanceOptions.Cron"/>. Jobs of tasks that no longer exist are removed, and all of them when
/// maintenance is disabled. Every process does this; the result is the same whichever does it last.
/// </summary>
internal sealed partial class MaintenanceSchedule(
    IServiceScopeFactory scopes,
    IRecurringJobManager recurringJobs,
    JobStorage storage,
    MaintenanceOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<MaintenanceSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        List<string> names;
        await using (var scope = scopes.CreateAsyncScope())
        {
            names = scope.ServiceProvider.GetServices<IMaintenanceTask>().Select(t => t.Name).ToList();
        }

        var wanted = options.Enabled ? names : [];
        foreach (var name in wanted)
        {
            recurringJobs.AddOrUpdate<MaintenanceTaskJob>(
                name, job => job.RunAsync(name, CancellationToken.None), options.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
        {
            if (job.Job?.Type == typeof(MaintenanceTaskJob) && !wanted.Contains(job.Id))
            {
                recurringJobs.RemoveIfExists(job.Id);
            }
        }

        LogScheduled(wanted.Count, options.Cron);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} maintenance task(s) scheduled as recurring jobs on '{Cron}' (UTC)")]
    private partial void LogScheduled(int count, string cron);
}
