using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Infrastructure.Services;

internal sealed class SystemClock(TimeProvider timeProvider) : IClock
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
