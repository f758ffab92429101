using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks;

/// <summary>
/// Keeps the delivery log to <see cref="Retention"/>: deletes finished deliveries (succeeded, or given up) created before
/// then, across tenants. Pending ones stay whatever their age; the 3-day retry window ends them first.
/// </summary>
internal sealed class WebhookLogCleanup(IAppDbContext db, IClock clock) : IMaintenanceTask
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public string Name => "webhooks.log-retention";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.UtcNow - Retention;
        await db.Set<WebhookDelivery>().IgnoreQueryFilters([QueryFilters.Tenant])
            .Where(d => (d.Status == WebhookDeliveryStatus.Succeeded || d.Status == WebhookDeliveryStatus.Failed) && d.CreatedAt < before)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
