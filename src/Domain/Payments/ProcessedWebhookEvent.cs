using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>
/// A provider event already handled. Recorded in the same transaction as its effect, under a unique key, so an
/// event delivered again (providers deliver at least once) changes nothing.
/// </summary>
public sealed class ProcessedWebhookEvent : ITenantOwned
{
    public const int EventIdMaxLength = 255;
    public const int TypeMaxLength = 100;

    private ProcessedWebhookEvent()
    {
        Provider = null!;
        EventId = null!;
        Type = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>Such as stripe.</summary>
    public string Provider { get; private set; }

    public string EventId { get; private set; }

    public string Type { get; private set; }

    public DateTimeOffset ProcessedAt { get; private set; }

    public static ProcessedWebhookEvent Record(TenantId tenantId, string provider, string eventId, string type, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        Provider = provider,
        EventId = Guard.Required(eventId, "Event id", EventIdMaxLength),
        Type = Guard.Required(type, "Event type", TypeMaxLength),
        ProcessedAt = now,
    };
}
