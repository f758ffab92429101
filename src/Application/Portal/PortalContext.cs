using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Portal;

/// <summary>What the portal views need of the tenant: portal settings, account settings (time zone, phone, currency), and "now".</summary>
internal sealed class PortalContext
{
    private PortalContext(Domain.Portal.PortalSettings settings, TenantAccountSettings account, DateTimeOffset now)
    {
        Settings = settings;
        Account = account;
        Now = now;
        Zone = TenantTime.ZoneOf(account);
        Today = DateOnly.FromDateTime(now.In(Zone).DateTime);
    }

    public Domain.Portal.PortalSettings Settings { get; }

    public TenantAccountSettings Account { get; }

    public DateTimeOffset Now { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Today's date in the company's time zone.</summary>
    public DateOnly Today { get; }

    public static async Task<PortalContext> LoadAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        var settings = await SettingsAsync(db, tenant, clock, ct);
        var account = (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct)).AccountSettings;
        return new PortalContext(settings, account, clock.UtcNow);
    }

    /// <summary>Only the portal settings (the defaults when none were saved), for views that need nothing else.</summary>
    public static async Task<Domain.Portal.PortalSettings> SettingsAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        return await db.PortalSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, clock.UtcNow);
    }
}
