using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Webhooks;

/// <summary>Where a webhook delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Due at <see cref="WebhookDelivery.NextAttemptAt"/>: not tried yet, or tried and failed in a way worth trying again.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded,

    /// <summary>Given up: the endpoint answered another 4xx, its address is not allowed, it is disabled, or it kept failing for the whole retry window.</summary>
    Failed,
}

/// <summary>
/// One event to one endpoint: the exact body sent (the same bytes on every attempt, so its event id is stable across
/// retries), and how the last attempt went. One per event and endpoint; a redelivery makes it due again. A worker claims
/// a due delivery with a lease (<see cref="LockedBy"/>, <see cref="LockedUntil"/>), like the outbox, so several
/// processes on one database send it once.
/// </summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public const int EventTypeMaxLength = 100;
    public const int ResponseBodyMaxLength = 1000;
    public const int ErrorMaxLength = 500;
    public const int LockedByMaxLength = 200;

    private WebhookDelivery()
    {
        EventType = null!;
        Body = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid EndpointId { get; private set; }

    /// <summary>The event's id (the outbox message's, or a ping's own): the <c>id</c> in the body.</summary>
    public Guid EventId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The JSON body, exactly as posted.</summary>
    public string Body { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Attempts made (counted when claimed).</summary>
    public int Attempts { get; private set; }

    /// <summary>When the current series of attempts started (creation, or the last redelivery): it is retried for <see cref="WebhookEndpoint.FailureWindow"/> from then.</summary>
    public DateTimeOffset FirstAttemptAt { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status the endpoint answered last; null when it could not be reached.</summary>
    public int? ResponseStatus { get; private set; }

    /// <summary>The start of the last answer's body.</summary>
    public string? ResponseBody { get; private set; }

    public int? DurationMs { get; private set; }

    /// <summary>Why the last attempt failed, when it did not get an answer (timeout, refused address).</summary>
    public string? Error { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? LockedBy { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public static WebhookDelivery For(TenantId tenantId, Guid endpointId, Guid eventId, string eventType, string body, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        EndpointId = endpointId,
        EventId = eventId,
        EventType = eventType,
        Body = body,
        Status = WebhookDeliveryStatus.Pending,
        FirstAttemptAt = now,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    public bool IsClaimedBy(string holder, DateTimeOffset leaseUntil) => LockedBy == holder && LockedUntil == leaseUntil;

    /// <summary>The endpoint answered <paramref name="status"/> (2xx).</summary>
    public void Succeeded(int status, string? body, int durationMs, DateTimeOffset now)
    {
        Record(status, body, durationMs, null, now);
        Status = WebhookDeliveryStatus.Succeeded;
        NextAttemptAt = null;
    }

    /// <summary>
    /// The attempt failed. Tried again after <paramref name="retryDelay"/> (at the latest at the end of the retry window
    /// that began at <see cref="FirstAttemptAt"/>) when it is worth it and the window is not over; given up otherwise.
    /// </summary>
    public void AttemptFailed(int? status, string? body, int durationMs, string? error, bool retry, TimeSpan retryDelay, DateTimeOffset now)
    {
        Record(status, body, durationMs, error, now);
        var deadline = FirstAttemptAt + WebhookEndpoint.FailureWindow;
        if (retry && now < deadline)
        {
            // The last attempt falls at the end of the window, so an endpoint down all along is seen failing for all of it.
            Status = WebhookDeliveryStatus.Pending;
            NextAttemptAt = now + retryDelay < deadline ? now + retryDelay : deadline;
        }
        else
        {
            Status = WebhookDeliveryStatus.Failed;
            NextAttemptAt = null;
        }
    }

    /// <summary>Not attempted: the endpoint is disabled or gone.</summary>
    public void Skipped(string reason, DateTimeOffset now)
    {
        Error = Shorten(reason, ErrorMaxLength);
        Status = WebhookDeliveryStatus.Failed;
        NextAttemptAt = null;
        LastAttemptAt = now;
        ReleaseLease();
    }

    /// <summary>An admin asks for it again: due now, with a new retry window; the attempts so far stay counted.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        if (LockedBy is not null && LockedUntil > now)
        {
            throw new DomainException("delivery_in_progress", "The delivery is being attempted right now.", DomainErrorKind.Conflict);
        }

        ReleaseLease();
        Status = WebhookDeliveryStatus.Pending;
        FirstAttemptAt = now;
        NextAttemptAt = now;
    }

    private void Record(int? status, string? body, int durationMs, string? error, DateTimeOffset now)
    {
        ResponseStatus = status;
        ResponseBody = body is null ? null : Shorten(body, ResponseBodyMaxLength);
        DurationMs = durationMs;
        Error = error is null ? null : Shorten(error, ErrorMaxLength);
        LastAttemptAt = now;
        ReleaseLease();
    }

    private void ReleaseLease()
    {
        LockedBy = null;
        LockedUntil = null;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
