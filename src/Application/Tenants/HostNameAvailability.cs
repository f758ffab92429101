using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Tenants;

internal static class HostNameAvailability
{
    public static Error Taken(HostName hostName) =>
        Error.Conflict("host_name_taken", $"The host name \"{hostName.Value}\" is already in use.");

    /// <summary>
    /// The friendly pre-check; the unique index is what actually guarantees uniqueness when two
    /// requests race, and handlers translate its violation into the same error.
    /// </summary>
    public static Task<bool> IsTakenAsync(this IAppDbContext db, HostName hostName, TenantId? except, CancellationToken ct) =>
        db.Tenants.AnyAsync(t => t.HostName == hostName && (except == null || t.Id != except.Value), ct);
}
