using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Infrastructure.Tests.Messaging;

/// <summary>A clock the test moves, so leases and backoff delays pass without waiting.</summary>
internal sealed class TestClock : IClock
{
    private long _ticks;

    public TestClock()
    {
        var now = DateTimeOffset.UtcNow;
        _ticks = now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond);
    }

    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks - (by.Ticks % TimeSpan.TicksPerMillisecond));
}
