namespace HeadlessPortal.Domain.Assets;

/// <summary>
/// How customers search equipment by serial number: a prefix that ignores letter case, spaces and punctuation
/// ("trn-231" finds "TRN23110457"). Serials are compared through a key of their ASCII letters (upper case) and
/// digits only. Keys made of 0-9 and A-Z sort the same way under a byte-wise and a linguistic collation, so a
/// prefix becomes an index range [key, upper bound) on SQLite and PostgreSQL alike.
/// </summary>
public static class SerialSearch
{
    /// <summary>The searchable key of a serial (or of a typed prefix); null when it has no letter or digit.</summary>
    public static string? Key(string? serial)
    {
        if (serial is null)
        {
            return null;
        }

        var kept = new char[serial.Length];
        var length = 0;
        foreach (var c in serial)
        {
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            {
                kept[length++] = c;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                kept[length++] = char.ToUpperInvariant(c);
            }
        }

        return length == 0 ? null : new string(kept, 0, length);
    }

    /// <summary>
    /// The smallest key after every key that starts with <paramref name="prefix"/> (itself a key), within the
    /// alphabet 0-9, A-Z; null when no such key exists (a prefix of only Z's has no upper bound).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == 'Z')
        {
            end--;
        }

        if (end == 0)
        {
            return null;
        }

        var last = prefix[end - 1];
        var next = last == '9' ? 'A' : (char)(last + 1);
        return string.Concat(prefix.AsSpan(0, end - 1), new ReadOnlySpan<char>(in next));
    }
}
