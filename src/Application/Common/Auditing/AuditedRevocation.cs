using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Common.Auditing;

/// <summary>The revoke step API clients and publishable keys share.</summary>
internal static class AuditedRevocation
{
    /// <summary>
    /// Revokes <paramref name="credential"/> and records <paramref name="action"/> with its audit view before and after,
    /// then saves; a credential already revoked is left as it is, unaudited, so revoking again changes nothing.
    /// </summary>
    public static async Task RevokeAsync<T>(
        this IAuditLog audit, IAppDbContext db, IClock clock, T credential, string action, string target, Func<T, object> auditView, CancellationToken ct)
        where T : IRevocable
    {
        if (credential.IsRevoked)
        {
            return;
        }

        var before = auditView(credential);
        credential.Revoke(clock.UtcNow);
        audit.Record(credential.TenantId, action, target, before, auditView(credential));
        await db.SaveChangesAsync(ct);
    }
}
