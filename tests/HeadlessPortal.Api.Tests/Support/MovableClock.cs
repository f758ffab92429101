using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>The real time plus an offset the test moves forward, so expiry can be tested without waiting.</summary>
public sealed class MovableClock : IClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow
    {
        get
        {
            var now = DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
