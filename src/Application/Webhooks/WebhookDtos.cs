using HeadlessPortal.Domain.Webhooks;

namespace HeadlessPortal.Application.Webhooks;

/// <summary>A webhook endpoint, without its secret.</summary>
/// <param name="Id">The endpoint's id.</param>
/// <param name="Url">Where events are posted.</param>
/// <param name="EventTypes">The event types it receives.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Enabled">Whether events are delivered to it.</param>
/// <param name="DisabledReason">disabled_by_admin or failing (its deliveries failed for 3 days); null while enabled.</param>
/// <param name="FailingSince">When its current run of failed attempts began; null after a success.</param>
/// <param name="PreviousSecretExpiresAt">Until when the secret before the last rotation still signs, beside the current one; null when only one signs.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record WebhookEndpointDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointDto From(WebhookEndpoint e, DateTimeOffset now) => new(
        e.Id, e.Url, e.EventTypes, e.Description, e.Enabled, e.DisabledReason, e.FailingSince,
        e.PreviousSecret is not null && e.PreviousSecretExpiresAt > now ? e.PreviousSecretExpiresAt : null, e.CreatedAt, e.UpdatedAt);
}

/// <summary>An endpoint with its signing secret: answered once, when it is created or its secret rotated.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Secret">The signing secret (whsec_...): keep it; it is not shown again.</param>
public sealed record WebhookEndpointWithSecretDto(WebhookEndpointDto Endpoint, string Secret);

/// <summary>A new endpoint, or an endpoint's new settings.</summary>
/// <param name="Url">An absolute https URL (http only in Development), at most 2000 characters; no loopback, link-local or private address.</param>
/// <param name="EventTypes">The event types to receive, at least one, from the documented list (GET /v1/admin/webhook-event-types).</param>
/// <param name="Description">What it is for, at most 500 characters.</param>
public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

/// <summary>One event delivered (or to be delivered) to one endpoint, with its last attempt.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="EndpointId">The endpoint.</param>
/// <param name="EventId">The event's id: the body's id, the same on every attempt.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status">pending (due at nextAttemptAt), succeeded or failed (given up).</param>
/// <param name="RequestBody">The JSON body posted.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="ResponseStatus">The HTTP status of the last answer; null when the endpoint could not be reached or was not tried.</param>
/// <param name="ResponseBody">The start of the last answer's body (at most 1000 characters).</param>
/// <param name="DurationMs">How long the last attempt took.</param>
/// <param name="Error">Why the last attempt got no answer (timeout, connection refused, address not allowed), or why it was not attempted.</param>
/// <param name="CreatedAt">When the delivery was queued.</param>
/// <param name="LastAttemptAt">When it was last attempted.</param>
/// <param name="NextAttemptAt">When it is tried next; null once it succeeded or failed.</param>
public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid EndpointId,
    Guid EventId,
    string EventType,
    WebhookDeliveryStatus Status,
    string RequestBody,
    int Attempts,
    int? ResponseStatus,
    string? ResponseBody,
    int? DurationMs,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt)
{
    public static WebhookDeliveryDto From(WebhookDelivery d) => new(
        d.Id, d.EndpointId, d.EventId, d.EventType, d.Status, d.Body, d.Attempts, d.ResponseStatus, d.ResponseBody, d.DurationMs, d.Error,
        d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt);
}
