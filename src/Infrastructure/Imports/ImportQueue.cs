using System.Threading.Channels;
using HeadlessPortal.Application.Imports;

namespace HeadlessPortal.Infrastructure.Imports;

/// <summary>A wake-up signal for this process's import worker; other processes find new imports by polling.</summary>
internal sealed class ImportQueue : IImportQueue
{
    // One pending signal is enough: the worker drains every queued import each time it wakes.
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signals.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>; throws when <paramref name="ct"/> is canceled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
        }
    }
}
