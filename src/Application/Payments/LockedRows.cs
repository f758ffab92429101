using HeadlessPortal.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments;

/// <summary>Reading rows just locked by <see cref="IPaymentLocks"/>, as they are now.</summary>
internal static class LockedRows
{
    /// <summary>
    /// The rows of <paramref name="query"/>, current: a query does not refresh an entity this context already tracks, so
    /// those (matched by <paramref name="tracked"/>) are read again first; the rest come fresh from the query.
    /// </summary>
    public static async Task<List<T>> ReadAsync<T>(IAppDbContext db, IQueryable<T> query, Func<T, bool> tracked, CancellationToken ct)
        where T : class
    {
        foreach (var entity in db.Set<T>().Local.Where(tracked).ToList())
        {
            await db.Entry(entity).ReloadAsync(ct);
        }

        return await query.ToListAsync(ct);
    }
}
