using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Binds a column's stored value (after the type mapping's converter) to a native SQLite statement by position, in the
/// form Microsoft.Data.Sqlite gives a parameter of that type, so a row inserted this way reads and compares exactly
/// like one EF inserted (a test compares every column of every synced table). Types outside this list have no binding,
/// and their tables are inserted through ADO.NET parameters instead.
/// </summary>
internal static class SqliteBinding
{
    /// <summary>Binds a value (null included) to the 1-based parameter; answers SQLite's result code.</summary>
    public delegate int Binder(sqlite3_stmt statement, int index, object? value);

    public static Binder? For(RelationalTypeMapping mapping)
    {
        var stored = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        return (System.Nullable.GetUnderlyingType(stored) ?? stored) switch
        {
            var t when t == typeof(string) => OrNull((s, i, v) => BindText(s, i, (string)v)),
            var t when t == typeof(long) => OrNull((s, i, v) => raw.sqlite3_bind_int64(s, i, (long)v)),
            var t when t == typeof(int) => OrNull((s, i, v) => raw.sqlite3_bind_int64(s, i, (int)v)),
            var t when t == typeof(short) => OrNull((s, i, v) => raw.sqlite3_bind_int64(s, i, (short)v)),
            var t when t == typeof(byte) => OrNull((s, i, v) => raw.sqlite3_bind_int64(s, i, (byte)v)),
            var t when t == typeof(bool) => OrNull((s, i, v) => raw.sqlite3_bind_int64(s, i, (bool)v ? 1 : 0)),
            var t when t == typeof(double) => OrNull((s, i, v) => raw.sqlite3_bind_double(s, i, (double)v)),
            var t when t == typeof(byte[]) => OrNull((s, i, v) => raw.sqlite3_bind_blob(s, i, (byte[])v)),

            // Microsoft.Data.Sqlite's text forms of these types: uppercase GUIDs, ISO dates and timestamps, decimals with at
            // least one decimal place. They are formatted straight into UTF-8, without a string in between.
            var t when t == typeof(Guid) => OrNull((s, i, v) => BindFormatted(s, i, (Guid)v, "D", upper: true)),
            var t when t == typeof(DateOnly) => OrNull((s, i, v) => BindFormatted(s, i, (DateOnly)v, "yyyy\\-MM\\-dd")),
            var t when t == typeof(DateTimeOffset) => OrNull((s, i, v) => BindFormatted(s, i, (DateTimeOffset)v, "yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFFzzz")),
            var t when t == typeof(decimal) => OrNull((s, i, v) => BindFormatted(s, i, (decimal)v, "0.0###########################")),
            _ => null,
        };
    }

    private static int BindText(sqlite3_stmt statement, int index, string value)
    {
        // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer is reused at once.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length <= 512)
        {
            Span<byte> buffer = stackalloc byte[length];
            return raw.sqlite3_bind_text(statement, index, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int BindFormatted<T>(sqlite3_stmt statement, int index, T value, string format, bool upper = false)
        where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[64];
        if (!value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} did not fit 64 bytes of text.");
        }

        if (upper)
        {
            Ascii.ToUpperInPlace(buffer[..written], out _);
        }

        return raw.sqlite3_bind_text(statement, index, buffer[..written]);
    }

    private static Binder OrNull(Func<sqlite3_stmt, int, object, int> bind) =>
        (statement, index, value) => value is null ? raw.sqlite3_bind_null(statement, index) : bind(statement, index, value);
}
