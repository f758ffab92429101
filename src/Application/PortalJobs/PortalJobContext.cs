using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalJobs;

/// <summary>What the job views need of the tenant: portal settings, time zone, phone, and "now".</summary>
internal sealed class PortalJobContext
{
    private PortalJobContext(Domain.Portal.PortalSettings settings, TenantAccountSettings account, DateTimeOffset now)
    {
        Settings = settings;
        Account = account;
        Now = now;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(account.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
    }

    public Domain.Portal.PortalSettings Settings { get; }

    public TenantAccountSettings Account { get; }

    public DateTimeOffset Now { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Today's date in the company's time zone.</summary>
    public DateOnly Today { get; }

    public static async Task<PortalJobContext> LoadAsync(IAppDbContext db, ICurrentTenant tenant, IClock clock, CancellationToken ct)
    {
        var tenantId = tenant.Id ?? throw new InvalidOperationException("No tenant in this request.");
        var now = clock.UtcNow;
        var account = (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct)).AccountSettings;
        var settings = await db.PortalSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, ct)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, now);
        return new PortalJobContext(settings, account, now);
    }

    /// <summary>An appointment's time as the tenant shows it; with date only, no time of day leaves the API.</summary>
    public PortalAppointmentTime TimeOf(Appointment appointment)
    {
        var from = TimeZoneInfo.ConvertTime(appointment.ArrivalWindowStart ?? appointment.Start, Zone);
        var date = DateOnly.FromDateTime(from.DateTime);
        if (Settings.AppointmentTimeDisplay == AppointmentTimeDisplay.DateOnly)
        {
            return new PortalAppointmentTime(date, null, null);
        }

        var to = TimeZoneInfo.ConvertTime(appointment.ArrivalWindowEnd ?? appointment.End, Zone);
        return new PortalAppointmentTime(date, from, to);
    }
}
