using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Portal;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>Reads the tenant's sign-in methods.</summary>
internal static class SignInMethods
{
    public static async Task<bool> EnabledAsync(IAppDbContext db, SignInMethod method, CancellationToken ct)
    {
        var methods = await db.PortalSettings.AsNoTracking().Select(s => s.SignInMethods).SingleOrDefaultAsync(ct);
        return methods?.Contains(method) == true;
    }
}
