using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Messaging;

/// <summary>
/// How often and how soon a failed delivery is tried again: exponential backoff with jitter,
/// <c>min(MaxDelay, BaseDelay * 2^(attempt - 1)) * (0.5 + 0.5 * jitter)</c>, so the delay after the n-th
/// attempt lies between half and all of the exponential value, and messages that failed together do not
/// come back together.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (maxAttempts < 1)
        {
            throw new DomainException("invalid_retry_policy", "A message gets at least one attempt.");
        }

        if (baseDelay <= TimeSpan.Zero || maxDelay < baseDelay)
        {
            throw new DomainException("invalid_retry_policy", "The base delay is positive and the maximum delay at least the base delay.");
        }

        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>Attempts before a message is dead.</summary>
    public int MaxAttempts { get; }

    /// <summary>The delay after the first failed attempt (before jitter).</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>No delay exceeds this.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The delay before the attempt that follows failed attempt number <paramref name="attempt"/> (1-based).</summary>
    /// <param name="attempt">The attempt that failed.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public TimeSpan DelayAfter(int attempt, double jitter)
    {
        // Doubling in floating point and capping before converting avoids overflow for large attempt numbers.
        var exponent = Math.Max(0, attempt - 1);
        var exponential = Math.Min(MaxDelay.TotalSeconds, BaseDelay.TotalSeconds * Math.Pow(2, Math.Min(exponent, 62)));
        var factor = 0.5 + (0.5 * Math.Clamp(jitter, 0, 1));
        return TimeSpan.FromSeconds(exponential * factor);
    }
}
