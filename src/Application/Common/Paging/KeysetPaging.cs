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
        bool newestFirst = false)
    {
        var limit = page.Limit ?? PageLimits.Default;
        if (Cursor.TryDecode(page.After, out var after))
        {
            // The bound goes in as a captured value, so EF sends it as a parameter and caches one plan.
            var bound = Expression.Property(Expression.Constant(new Bound(after.Value)), nameof(Bound.Value));
            var compare = newestFirst ? Expression.LessThan(key.Body, bound) : Expression.GreaterThan(key.Body, bound);
            query = query.Where(Expression.Lambda<Func<T, bool>>(compare, key.Parameters));
        }

        var ordered = newestFirst ? query.OrderByDescending(key) : query.OrderBy(key);
        var rows = await ordered.Take(limit + 1).ToListAsync(ct);
        var compiled = key.Compile();
        return CursorPage<TDto>.FromRows(rows, limit, compiled, map);
    }

    private sealed record Bound(Guid Value);
}
