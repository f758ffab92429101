using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalSettings;

internal static class PortalSettingsStore
{
    /// <summary>The tenant's settings, created with defaults the first time they are needed.</summary>
    public static async Task<Domain.Portal.PortalSettings> GetOrCreateAsync(this IAppDbContext db, TenantId tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var settings = await db.PortalSettings.SingleOrDefaultAsync(s => s.TenantId == tenantId, ct);
        if (settings is null)
        {
            settings = Domain.Portal.PortalSettings.CreateDefault(tenantId, now);
            db.PortalSettings.Add(settings);
        }

        return settings;
    }

    public static async Task<PortalSettingsDto> ToDtoAsync(this IAppDbContext db, Domain.Portal.PortalSettings settings, Tenant tenant, PortalOptions options, CancellationToken ct) =>
        PortalSettingsDto.From(
            settings, tenant, options, await db.SenderPhoneNumbers.AnyAsync(p => p.TenantId == tenant.Id, ct), await Payments.PaymentAccounts.IsConnectedAsync(db, ct));
}
