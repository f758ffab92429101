using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace HeadlessPortal.Application.Common.Paging;

/// <summary>One page of a list: <c>nextCursor</c> goes into <c>?after=</c> to read the next page.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Data, string? NextCursor, bool HasMore)
{
    /// <summary>Builds a page from up to limit + 1 rows read in key order; the extra row only says more exist.</summary>
    public static CursorPage<T> FromRows<TRow>(IReadOnlyList<TRow> rows, int limit, Func<TRow, Guid> key, Func<TRow, T> map)
    {
        var hasMore = rows.Count > limit;
        var pageRows = hasMore ? rows.Take(limit).ToList() : rows;
        var next = hasMore ? Cursor.Encode(key(pageRows[^1])) : null;
        return new CursorPage<T>(pageRows.Select(map).ToList(), next, hasMore);
    }
}

/// <summary>Pages of lists bounded by design, which have no limit or cursor.</summary>
public static class CursorPage
{
    /// <summary>The whole list as its one page: no next cursor, nothing more.</summary>
    public static CursorPage<T> Complete<T>(IReadOnlyList<T> data) => new(data, null, false);
}

/// <summary>Page size rules shared by every list endpoint.</summary>
public static class PageLimits
{
    public const int Default = 25;
    public const int Max = 100;
}

/// <summary>Opaque keyset cursors: the last row's UUIDv7 key, base64url-encoded.</summary>
public static class Cursor
{
    /// <summary>The longest nextCursor any list answers: a UUID's text (36); keyset cursors are shorter (22 and 28).</summary>
    public const int MaxLength = 36;

    public static string Encode(Guid key) => Base64Url.EncodeToString(key.ToByteArray(bigEndian: true));

    public static bool TryDecode(string? cursor, [NotNullWhen(true)] out Guid? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || !Base64Url.IsValid(cursor, out var length) || length != 16)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        Base64Url.DecodeFromChars(cursor, bytes);
        key = new Guid(bytes, bigEndian: true);
        return true;
    }
}
