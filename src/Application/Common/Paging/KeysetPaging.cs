using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Common.Paging;

/// <summary>Keyset pagination on a UUIDv7 key: one index range per page, whatever the table's size.</summary>
public static class KeysetPaging
{
    public static async Task<CursorPage<TDto>> ToCursorPageAsync<T, TDto>(
        this IQueryable<T> query,
        IPageRequest page,
        Expression<Func<T, Guid>> key,
        Func<T, TDto> map,
        CancellationToken ct,
        bool newestFirst = false,
        bool boundAsRowFilter = false)
    {
        var limit = page.Limit ?? PageLimits.Default;
        if (Cursor.TryDecode(page.After, out var after))
        {
            query = query.After(after.Value, key, newestFirst, boundAsRowFilter);
        }

        var ordered = newestFirst ? query.OrderByDescending(key) : query.OrderBy(key);
        var rows = await ordered.Take(limit + 1).ToListAsync(ct);
        var compiled = key.Compile();
        return CursorPage<TDto>.FromRows(rows, limit, compiled, map);
    }

    /// <summary>
    /// The rows after a cursor's key in list order. <paramref name="boundAsRowFilter"/> is for lists of a few customers'
    /// rows (the portal's): the bound is written <c>(@notAnIndexRange OR key &gt; @bound)</c>, the flag always false, which SQLite cannot take for an
    /// index range, so a later page reads those customers' rows through their own index and sorts them; with a plain
    /// bound SQLite walks the tenant's rows by key from the cursor (decision 19). The admin lists, over the whole tenant,
    /// want the plain bound: it is their index range.
    /// </summary>
    public static IQueryable<T> After<T>(this IQueryable<T> query, Guid cursor, Expression<Func<T, Guid>> key, bool newestFirst, bool boundAsRowFilter)
    {
        // The bound goes in as a captured value, so EF sends it as a parameter and caches one plan.
        var bound = Expression.Property(Expression.Constant(new Bound(cursor)), nameof(Bound.Value));
        Expression compare = newestFirst ? Expression.LessThan(key.Body, bound) : Expression.GreaterThan(key.Body, bound);
        if (boundAsRowFilter)
        {
            // The flag through EF.Parameter: EF drops a false it can evaluate from an OR, and the plain bound with it.
            var notAnIndexRange = Expression.Call(
                typeof(EF).GetMethod(nameof(EF.Parameter))!.MakeGenericMethod(typeof(bool)),
                Expression.Property(Expression.Constant(new NotAnIndexRange(false)), nameof(NotAnIndexRange.Value)));
            compare = Expression.OrElse(notAnIndexRange, compare);
        }

        return query.Where(Expression.Lambda<Func<T, bool>>(compare, key.Parameters));
    }

    private sealed record Bound(Guid Value);

    private sealed record NotAnIndexRange(bool Value);
}
