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

    /// <summary>Reads the settings now; what a change (a payment, a signature, a booking) decides by. Reads use <see cref="PortalViewer.ContextAsync"/>.</summary>
    public static async Task<PortalContext> LoadAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct) =>
        From(await ReadTenantAsync(db, tenant, clock, ct), clock.UtcNow);

    internal static PortalContext From(PortalTenantSettings tenant, DateTimeOffset now) => new(tenant.Settings, tenant.Account, now);

    internal static async Task<PortalTenantSettings> ReadTenantAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        var settings = await SettingsAsync(db, tenant, clock, ct);
        var account = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.AccountSettings).SingleAsync(ct);
        return new PortalTenantSettings(settings, account);
    }

    /// <summary>Only the portal settings (the defaults when none were saved), for views that need nothing else.</summary>
    public static async Task<Domain.Portal.PortalSettings> SettingsAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct)
    {
        var tenantId = tenant.Required();
        return await db.PortalSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, clock.UtcNow);
    }
}

/// <summary>A tenant's portal settings and account settings (time zone, phone, currency), as portal reads keep them.</summary>
public sealed record PortalTenantSettings(Domain.Portal.PortalSettings Settings, TenantAccountSettings Account);
