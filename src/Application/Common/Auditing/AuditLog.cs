using System.Text.Json;
using System.Text.Json.Serialization;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.Common.Auditing;

/// <summary>Records who changed what, in the same transaction as the change itself.</summary>
public interface IAuditLog
{
    void Record(TenantId tenantId, string action, string target, object? before, object? after);
}

internal sealed class AuditLog(IAppDbContext db, ICurrentActor actor, IClock clock) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Record(TenantId tenantId, string action, string target, object? before, object? after) =>
        db.AuditEvents.Add(AuditEvent.Record(
            tenantId,
            actor.Id,
            action,
            target,
            before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
            clock.UtcNow));
}
