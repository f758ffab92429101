using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Imports;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Caching;

/// <summary>
/// Records which tenants a save changes: a <see cref="DataChangeRecord"/> per tenant, written in the save's own
/// transaction for the other processes, and, once committed, the new versions in this process's
/// <see cref="TenantDataVersions"/>. Records that no cached read depends on (outbox, imports, audit, processed
/// webhook events) do not count. Writes outside SaveChanges (bulk inserts) add their own records.
/// </summary>
internal sealed class DataChangeInterceptor(TenantDataVersions versions, IClock clock) : AfterCommitInterceptor<HashSet<Guid>>
{
    private static readonly HashSet<Type> NotRead = [typeof(OutboxMessage), typeof(ImportJob), typeof(AuditEvent), typeof(ProcessedWebhookEvent)];

    /// <summary>A change to record with the next save (which names its source).</summary>
    public static DataChangeRecord Record(Guid tenantId, DateTimeOffset now) => new() { TenantId = tenantId, RecordedAt = now };

    protected override HashSet<Guid>? Saving(DbContext context)
    {
        HashSet<Guid>? changed = null;
        HashSet<Guid>? recorded = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is DataChangeRecord record)
            {
                if (entry.State == EntityState.Added)
                {
                    if (record.Source == Guid.Empty)
                    {
                        record.Source = versions.Source;
                    }

                    (recorded ??= []).Add(record.TenantId);
                    (changed ??= []).Add(record.TenantId);
                }

                continue;
            }

            Guid? tenant = entry.Entity switch
            {
                Tenant t => t.Id.Value,
                _ when NotRead.Contains(entry.Metadata.ClrType) => null,
                ITenantOwned owned => owned.TenantId.Value,
                // Anything else (platform records): the tenant the context acts for, if any.
                _ => (context as AppDbContext)?.CurrentTenantId.Value is { } current && current != Guid.Empty ? current : null,
            };
            if (tenant is { } id)
            {
                (changed ??= []).Add(id);
            }
        }

        if (changed is null)
        {
            return null;
        }

        var now = clock.UtcNow;
        foreach (var tenant in changed.Where(t => recorded?.Contains(t) != true))
        {
            context.Add(new DataChangeRecord { TenantId = tenant, Source = versions.Source, RecordedAt = now });
        }

        return changed;
    }

    protected override void Committed(IReadOnlyList<HashSet<Guid>> saved)
    {
        foreach (var tenant in saved.SelectMany(s => s).Distinct())
        {
            versions.Changed(tenant);
        }
    }
}
