using HeadlessPortal.Application.Common.Settings;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>Configuration section "Outbox": the dispatcher that delivers outbox messages.</summary>
public sealed class OutboxOptions : ISelfCheckingOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Whether this process runs a dispatcher; several processes may, on one database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it earlier.</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Messages claimed at once.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim holds; a message whose holder did not finish by then can be claimed again.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts before a message is dead.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The delay after the first failure; it doubles with each further failure.</summary>
    public int BaseDelaySeconds { get; set; } = 5;

    /// <summary>The longest delay between two attempts.</summary>
    public int MaxDelaySeconds { get; set; } = 3600;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public RetryPolicy RetryPolicy => new(MaxAttempts, TimeSpan.FromSeconds(BaseDelaySeconds), TimeSpan.FromSeconds(MaxDelaySeconds));

    /// <inheritdoc />
    public string? Problem() =>
        PollIntervalMs < 10 ? "Outbox:PollIntervalMs must be at least 10."
        : BatchSize < 1 ? "Outbox:BatchSize must be at least 1."
        : LeaseSeconds < 1 ? "Outbox:LeaseSeconds must be at least 1."
        : MaxAttempts < 1 ? "Outbox:MaxAttempts must be at least 1."
        : BaseDelaySeconds < 1 ? "Outbox:BaseDelaySeconds must be at least 1."
        : MaxDelaySeconds < BaseDelaySeconds ? "Outbox:MaxDelaySeconds must be at least Outbox:BaseDelaySeconds."
        : null;
}
