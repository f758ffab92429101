using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Auditing;

/// <summary>One change made through the Admin or Platform API: who, what (before and after), when.</summary>
public sealed class AuditEvent : ITenantOwned
{
    public const int ActionMaxLength = 100;
    public const int ActorMaxLength = 100;
    public const int TargetMaxLength = 200;

    private AuditEvent()
    {
        Actor = null!;
        Action = null!;
        Target = null!;
    }

    private AuditEvent(TenantId tenantId, string actor, string action, string target, string? before, string? after, DateTimeOffset now)
    {
        Id = UuidV7.NewGuid();
        TenantId = tenantId;
        Actor = actor;
        Action = action;
        Target = target;
        Before = before;
        After = after;
        OccurredAt = now;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>Who made the change: an API client id, or "platform" for the operator.</summary>
    public string Actor { get; private set; }

    /// <summary>A stable verb such as "portal_settings.updated" or "api_client.revoked".</summary>
    public string Action { get; private set; }

    /// <summary>What changed, such as "portal-settings" or "api-client:demo-admin".</summary>
    public string Target { get; private set; }

    /// <summary>The state before, as JSON; null when the thing was created.</summary>
    public string? Before { get; private set; }

    /// <summary>The state after, as JSON; null when the thing was removed.</summary>
    public string? After { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public static AuditEvent Record(TenantId tenantId, string actor, string action, string target, string? before, string? after, DateTimeOffset now) =>
        new(
            tenantId,
            Guard.Required(actor, "Actor", ActorMaxLength),
            Guard.Required(action, "Action", ActionMaxLength),
            Guard.Required(target, "Target", TargetMaxLength),
            before,
            after,
            now);
}
