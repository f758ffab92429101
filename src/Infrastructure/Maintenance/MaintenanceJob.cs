using HeadlessPortal.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>
/// The recurring housekeeping job: runs every registered <see cref="IMaintenanceTask"/>, each in its own scope,
/// one after the other. A failing task is logged and the others still run. Runs of this job never overlap in
/// one process; every process runs it, so tasks must be safe to run concurrently from several processes.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class MaintenanceJob(IServiceScopeFactory scopes, ILogger<MaintenanceJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        int count;
        await using (var scope = scopes.CreateAsyncScope())
        {
            count = scope.ServiceProvider.GetServices<IMaintenanceTask>().Count();
        }

        // A scope per task: a task that fails halfway leaves nothing behind for the next one.
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var task = scope.ServiceProvider.GetServices<IMaintenanceTask>().ElementAt(i);
            try
            {
                await task.RunAsync(cancellationToken);
                LogRan(task.Name);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex, task.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Maintenance task {Task} ran")]
    private partial void LogRan(string task);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance task {Task} failed; the other tasks still run, and it runs again next time")]
    private partial void LogFailed(Exception exception, string task);
}
