using System.Text;
using System.Text.RegularExpressions;

namespace HeadlessPortal.TestSupport;

/// <summary>
/// A received email read back from its RFC 5322 form, for assertions: headers unfolded (and RFC 2047 encoded
/// words decoded by <see cref="Header"/>), and the decoded text/plain and text/html parts wherever they sit in
/// the MIME tree. Understands base64, quoted-printable, 7bit and 8bit parts.
/// </summary>
public sealed partial class MimeMessage
{
    private readonly List<(string Name, string Value)> _headers;

    private MimeMessage(List<(string Name, string Value)> headers, IReadOnlyList<(string MediaType, string Body)> parts)
    {
        _headers = headers;
        Parts = parts;
    }

    /// <summary>The leaf parts in order: media type (lowercase) and decoded body.</summary>
    public IReadOnlyList<(string MediaType, string Body)> Parts { get; }

    /// <summary>The top-level media type, such as multipart/alternative.</summary>
    public string MediaType => MediaTypeOf(RawHeader("Content-Type") ?? "text/plain");

    public string? Text => Parts.FirstOrDefault(p => p.MediaType == "text/plain").Body;

    public string? Html => Parts.FirstOrDefault(p => p.MediaType == "text/html").Body;

    /// <summary>The header's value as sent (unfolded, not decoded), or null.</summary>
    public string? RawHeader(string name) => _headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The header's value with encoded words decoded, or null.</summary>
    public string? Header(string name) => RawHeader(name) is { } raw ? DecodeWords(raw) : null;

    /// <summary>The address of a From or To header: what is between angle brackets, or the whole value.</summary>
    public string? Address(string header) =>
        Header(header) is { } value ? (AngleAddress().Match(value) is { Success: true } m ? m.Groups[1].Value : value.Trim()) : null;

    /// <summary>The display name of a From header, unquoted, or empty.</summary>
    public string DisplayName(string header)
    {
        var value = Header(header) ?? "";
        var open = value.LastIndexOf('<');
        var name = open > 0 ? value[..open].Trim() : "";
        return name.Length >= 2 && name[0] == '"' && name[^1] == '"'
            ? name[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : name;
    }

    public static MimeMessage Parse(string raw)
    {
        var (headers, body) = Split(raw);
        var parts = new List<(string, string)>();
        Collect(headers, body, parts);
        return new MimeMessage(headers, parts);
    }

    private static void Collect(List<(string Name, string Value)> headers, string body, List<(string, string)> parts)
    {
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "text/plain; charset=us-ascii";
        var mediaType = MediaTypeOf(contentType);
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var boundary = Parameter(contentType, "boundary") ?? throw new FormatException("A multipart part without a boundary.");
            foreach (var part in Sections(body, boundary))
            {
                var (partHeaders, partBody) = Split(part);
                Collect(partHeaders, partBody, parts);
            }

            return;
        }

        var encoding = headers.FirstOrDefault(h => h.Name.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value?.Trim().ToLowerInvariant();
        var charset = Encoding.GetEncoding(Parameter(contentType, "charset") ?? "us-ascii");
        var bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))),
            "quoted-printable" => QuotedPrintable(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
        parts.Add((mediaType, charset.GetString(bytes)));
    }

    private static (List<(string Name, string Value)> Headers, string Body) Split(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 2)..];
        var headers = new List<(string, string)>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                // Unfolding removes the line break and keeps the white space (RFC 5322 section 2.2.3).
                var (name, value) = headers[^1];
                headers[^1] = (name, value + line);
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        return (headers, body.Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Sections(string body, string boundary)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.TrimEnd() == "--" + boundary + "--")
            {
                break;
            }

            if (line.TrimEnd() == "--" + boundary)
            {
                if (current is not null)
                {
                    yield return string.Join("\r\n", current);
                }

                current = [];
                continue;
            }

            current?.Add(line);
        }

        if (current is not null)
        {
            yield return string.Join("\r\n", current);
        }
    }

    private static byte[] QuotedPrintable(string body)
    {
        var bytes = new List<byte>();
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd(' ', '\t');
            var soft = line.EndsWith('=');
            if (soft)
            {
                line = line[..^1];
            }

            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '=' && i + 2 < line.Length && Uri.IsHexDigit(line[i + 1]) && Uri.IsHexDigit(line[i + 2]))
                {
                    bytes.Add(Convert.ToByte(line.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.Add((byte)line[i]);
                }
            }

            if (!soft && l < lines.Length - 1)
            {
                bytes.Add((byte)'\r');
                bytes.Add((byte)'\n');
            }
        }

        return [.. bytes];
    }

    private static string DecodeWords(string value)
    {
        // White space between two adjacent encoded words is not part of the text (RFC 2047 section 6.2).
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var text = m.Groups[3].Value;
            var bytes = m.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(text)
                : QuotedPrintable(text.Replace('_', ' '));
            return charset.GetString(bytes);
        });
    }

    private static string MediaTypeOf(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant();

    private static string? Parameter(string contentType, string name)
    {
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parameter[..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter[(eq + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex AngleAddress();
}
