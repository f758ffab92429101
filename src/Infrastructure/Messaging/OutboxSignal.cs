using System.Threading.Channels;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>Wakes this process's dispatcher; other processes find new messages by polling.</summary>
internal sealed class OutboxSignal : IOutboxSignal
{
    // One pending signal is enough: the dispatcher claims every due message each time it wakes.
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signals.Writer.TryWrite(true);

    /// <summary>
    /// Returns true when notified, false after <paramref name="timeout"/> without a notification; throws when
    /// <paramref name="ct"/> is canceled.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            return await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
            return false;
        }
    }
}
