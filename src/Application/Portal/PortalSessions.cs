using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Portal;

/// <summary>Ends a user's portal sessions: after a password change or a sign-out everywhere, and when the office revokes their last customer.</summary>
internal static class PortalSessions
{
    /// <summary>Ends every open session of a user except <paramref name="keep"/>; the caller saves.</summary>
    public static async Task EndUserSessionsAsync(IAppDbContext db, IClock clock, Guid userId, SessionEndReason reason, Guid? keep, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var open = await db.Set<PortalSession>().Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in open.Where(s => s.Id != keep))
        {
            session.End(reason, now);
        }
    }
}
