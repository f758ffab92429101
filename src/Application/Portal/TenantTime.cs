using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Portal;

/// <summary>
/// Times as customers see them: in the company's time zone, with the offset that zone has at that instant (so a time
/// just after a daylight-saving change carries the new offset). Every time a portal or payment-link answer shows goes
/// through here; times are stored and compared in UTC.
/// </summary>
internal static class TenantTime
{
    /// <summary>The company's time zone; UTC when the stored id is unknown to this machine.</summary>
    public static TimeZoneInfo ZoneOf(TenantAccountSettings account) => Zone(account.TimeZone);

    /// <summary>The time zone of <paramref name="tenantId"/>, read on its own for views that need nothing else of the tenant.</summary>
    public static async Task<TimeZoneInfo> ZoneAsync(IAppDbContext db, TenantId tenantId, CancellationToken ct)
    {
        var timeZone = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.AccountSettings.TimeZone).SingleAsync(ct);
        return Zone(timeZone);
    }

    /// <summary><paramref name="time"/> in <paramref name="zone"/>, with its offset there.</summary>
    public static DateTimeOffset In(this DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone);

    /// <summary><paramref name="time"/> in <paramref name="zone"/>; null stays null.</summary>
    public static DateTimeOffset? In(this DateTimeOffset? time, TimeZoneInfo zone) => time is { } t ? TimeZoneInfo.ConvertTime(t, zone) : null;

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
