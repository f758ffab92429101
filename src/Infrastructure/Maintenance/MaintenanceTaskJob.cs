using HeadlessPortal.Application.Common.Observability;
using HeadlessPortal.Application.Messaging;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>
/// What each recurring maintenance job runs: the <see cref="IMaintenanceTask"/> of that name, in the scope Hangfire
/// opened for this run. The recurring jobs are separate, so a failing task fails only its own run (shown as failed in
/// the dashboard; not retried, the next occurrence is the retry) and the others run on their own schedule.
/// </summary>
internal sealed partial class MaintenanceTaskJob(IEnumerable<IMaintenanceTask> tasks, ILogger<MaintenanceTaskJob> logger)
{
    /// <summary>How long a run waits for an earlier run of the same task, in any process, to finish.</summary>
    public const int LockTimeoutSeconds = 60;

    /// <param name="task">The task's <see cref="IMaintenanceTask.Name"/>, which is also the recurring job's id.</param>
    /// <param name="cancellationToken">Hangfire passes its server's shutdown token.</param>
    [JobDisplayName("{0}")]
    [DisableConcurrentExecution("maintenance:{0}", LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string task, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity($"job {task}");
        activity?.SetTag("job.name", task);
        try
        {
            var maintenanceTask = tasks.SingleOrDefault(t => t.Name == task)
                ?? throw new InvalidOperationException($"No maintenance task is named '{task}'; its recurring job is removed when a process starts.");
            await maintenanceTask.RunAsync(cancellationToken);
            LogRan(task);
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Maintenance task {Task} ran")]
    private partial void LogRan(string task);
}
