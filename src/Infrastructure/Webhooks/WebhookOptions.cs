using HeadlessPortal.Application.Common.Settings;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Infrastructure.Webhooks;

/// <summary>Configuration section "Webhooks": the worker that delivers events to integrators' endpoints.</summary>
public sealed class WebhookOptions : ISelfCheckingOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Whether this process runs a delivery worker; several processes may, on one database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the worker looks for due deliveries when nothing wakes it earlier.</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Deliveries claimed at once.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Deliveries posted at the same time by one worker.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claim holds; longer than the timeout, so a claimed delivery is finished before another worker may take it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How long an endpoint has to answer.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The delay after the first failed attempt; it doubles with each further failure (with jitter).</summary>
    public int BaseDelaySeconds { get; set; } = 10;

    /// <summary>The longest delay between two attempts.</summary>
    public int MaxDelaySeconds { get; set; } = 6 * 3600;

    /// <summary>Lets endpoints use http: URLs. Only for Development and tests; production endpoints are https.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Lets endpoints be on loopback, link-local and private addresses. Only for Development and tests: elsewhere an
    /// endpoint could make the API reach services inside its own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The backoff; the attempt limit is the 3-day window, not a count.</summary>
    public RetryPolicy RetryPolicy => new(int.MaxValue, TimeSpan.FromSeconds(BaseDelaySeconds), TimeSpan.FromSeconds(MaxDelaySeconds));

    /// <inheritdoc />
    public string? Problem() =>
        PollIntervalMs < 10 ? "Webhooks:PollIntervalMs must be at least 10."
        : BatchSize < 1 ? "Webhooks:BatchSize must be at least 1."
        : Concurrency < 1 ? "Webhooks:Concurrency must be at least 1."
        : TimeoutSeconds < 1 ? "Webhooks:TimeoutSeconds must be at least 1."
        : LeaseSeconds < 2 * TimeoutSeconds ? "Webhooks:LeaseSeconds must be at least twice Webhooks:TimeoutSeconds."
        : BaseDelaySeconds < 1 ? "Webhooks:BaseDelaySeconds must be at least 1."
        : MaxDelaySeconds < BaseDelaySeconds ? "Webhooks:MaxDelaySeconds must be at least Webhooks:BaseDelaySeconds."
        : null;
}
