using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Infrastructure.Services;

/// <summary>
/// UTC, truncated to the millisecond: every store keeps at least that precision, so a time read back from
/// the database equals the one written (and "unchanged" really compares equal).
/// </summary>
internal sealed class SystemClock(TimeProvider timeProvider) : IClock
{
    public DateTimeOffset UtcNow
    {
        get
        {
            var now = timeProvider.GetUtcNow();
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }
}
