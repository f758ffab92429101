using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Messaging;

/// <summary>
/// A domain event written in the same transaction as the change that raised it, waiting to be delivered
/// (customer notifications). Delivery marks it processed.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public const int TypeMaxLength = 100;

    private OutboxMessage()
    {
        Type = null!;
        Payload = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string Type { get; private set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public static OutboxMessage For(TenantId tenantId, string type, string payload, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? UuidV7.NewGuid(),
        TenantId = tenantId,
        Type = type.Length <= TypeMaxLength ? type : throw new DomainException("too_long", "An event type has at most 100 characters."),
        Payload = payload,
        OccurredAt = now,
    };
}
