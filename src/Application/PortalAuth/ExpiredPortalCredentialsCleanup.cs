using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>
/// Deletes one-time tokens a day after they expired (kept that long for the per-address email throttle and for
/// support questions), refresh tokens of ended or expired sessions, and sessions that ended more than 30 days ago.
/// Runs across tenants.
/// </summary>
internal sealed class ExpiredPortalCredentialsCleanup(IAppDbContext db, IClock clock) : IMaintenanceTask
{
    public static readonly TimeSpan TokenRetention = TimeSpan.FromDays(1);
    public static readonly TimeSpan SessionRetention = TimeSpan.FromDays(30);

    public string Name => "expired-portal-credentials";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var tokensBefore = now - TokenRetention;
        var sessionsBefore = now - SessionRetention;
        string[] tenant = [QueryFilters.Tenant];

        await db.Set<PortalToken>().IgnoreQueryFilters(tenant).Where(t => t.ExpiresAt < tokensBefore).ExecuteDeleteAsync(cancellationToken);
        await db.Set<RefreshToken>().IgnoreQueryFilters(tenant)
            .Where(t => t.ExpiresAt < now || db.Set<PortalSession>().IgnoreQueryFilters(tenant).Any(s => s.Id == t.SessionId && s.EndedAt != null))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Set<PortalSession>().IgnoreQueryFilters(tenant)
            .Where(s => (s.EndedAt != null && s.EndedAt < sessionsBefore) || s.ExpiresAt < sessionsBefore)
            .Where(s => !db.Set<RefreshToken>().IgnoreQueryFilters(tenant).Any(t => t.SessionId == s.Id))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
