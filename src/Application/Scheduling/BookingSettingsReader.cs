using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Scheduling;

/// <summary>The tenant's booking settings for any use case that needs them (requests, self-scheduling, availability).</summary>
public static class BookingSettingsReader
{
    /// <summary>The stored settings, untracked; the defaults (<see cref="BookingSettings.CreateDefault"/>) when the tenant never set them.</summary>
    public static async Task<BookingSettings> GetAsync(IAppDbContext db, TenantId tenantId, CancellationToken ct) =>
        await db.Set<BookingSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct)
            ?? BookingSettings.CreateDefault(tenantId);
}
