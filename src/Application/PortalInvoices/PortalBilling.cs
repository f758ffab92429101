using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalInvoices;

/// <summary>The tenant's portal settings and account settings as portal reads need them.</summary>
internal static class PortalBilling
{
    public static async Task<Domain.Portal.PortalSettings> SettingsAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct) =>
        await db.PortalSettings.AsNoTracking().SingleOrDefaultAsync(ct)
        ?? Domain.Portal.PortalSettings.CreateDefault(tenant.Id ?? throw new InvalidOperationException("No tenant in this request."), clock.UtcNow);

    public static async Task<TenantAccountSettings> AccountAsync(IAppDbContext db, ICurrentTenant tenant, CancellationToken ct)
    {
        var id = tenant.Id ?? throw new InvalidOperationException("No tenant in this request.");
        return (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == id, ct)).AccountSettings;
    }
}
