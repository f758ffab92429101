namespace HeadlessPortal.Application.Common.Paging;

/// <summary>
/// UUIDv7 keys begin with their creation time in milliseconds, so a time range is also a key range: filtering a
/// keyset list by the keys around a time keeps it one index range, whatever the table's size.
/// </summary>
public static class KeysetTime
{
    /// <summary>The smallest UUIDv7 key a record created at <paramref name="at"/> can have.</summary>
    public static Guid Lowest(DateTimeOffset at) => Key(at, 0x00);

    /// <summary>The largest UUIDv7 key a record created at <paramref name="at"/> can have.</summary>
    public static Guid Highest(DateTimeOffset at) => Key(at, 0xFF);

    private static Guid Key(DateTimeOffset at, byte fill)
    {
        var milliseconds = Math.Clamp(at.ToUnixTimeMilliseconds(), 0, (1L << 48) - 1);
        Span<byte> bytes = stackalloc byte[16];
        bytes.Fill(fill);
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        return new Guid(bytes, bigEndian: true);
    }
}
