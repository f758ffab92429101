using Microsoft.Extensions.Hosting;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>For background services that read the database: migrations run while the host starts.</summary>
internal static class HostStart
{
    /// <summary>Waits until the host has started; false when it stops first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
