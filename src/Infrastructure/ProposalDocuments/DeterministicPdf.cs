using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HeadlessPortal.Infrastructure.ProposalDocuments;

/// <summary>
/// Makes a PDFsharp file a function of its content. PDFsharp writes three random values into every file: the six-letter
/// tag of each embedded font subset (/BaseFont, /FontName), the trailer's /ID, and the XMP metadata's DocumentID and
/// InstanceID. Each is replaced, in place and at the same length so the cross-reference offsets stay true, by a value
/// derived from a SHA-256 of the file with those values blanked, which is how the PDF specification suggests an /ID be
/// made. Two renderings of one model then give the same bytes, and different content gives a different /ID.
/// </summary>
internal static partial class DeterministicPdf
{
    public static byte[] Normalize(byte[] pdf)
    {
        var bytes = (byte[])pdf.Clone();

        // Latin-1 maps every byte to one char and back, so match positions are byte positions.
        var text = Encoding.Latin1.GetString(bytes);
        var tags = SubsetTag().Matches(text).Select(m => m.Groups["tag"]).ToList();
        var ids = TrailerId().Matches(text).SelectMany(m => new[] { m.Groups["first"], m.Groups["second"] }).ToList();
        var uuids = XmpUuid().Matches(text).Select(m => m.Groups["uuid"]).ToList();

        foreach (var group in tags.Concat(ids).Concat(uuids))
        {
            for (var i = group.Index; i < group.Index + group.Length; i++)
            {
                if (bytes[i] != (byte)'-')
                {
                    bytes[i] = (byte)'A';
                }
            }
        }

        var digest = SHA256.HashData(bytes);

        // PDFsharp gives each font it embeds one tag, shared by its font dictionaries and descriptor; each keeps one
        // new tag, numbered in the order the fonts appear so that two subsets of one face still differ.
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in tags)
        {
            if (!renamed.TryGetValue(group.Value, out var tag))
            {
                tag = Tag(digest, renamed.Count);
                renamed[group.Value] = tag;
            }

            Write(bytes, group.Index, tag);
        }

        var id = Convert.ToHexString(digest, 0, 16);
        foreach (var group in ids)
        {
            Write(bytes, group.Index, id);
        }

        for (var i = 0; i < uuids.Count; i++)
        {
            // DocumentID and InstanceID, in that order: the first and second halves of the digest.
            var half = digest.AsSpan(i % 2 == 0 ? 0 : 16, 16);
            Write(bytes, uuids[i].Index, new Guid(half, bigEndian: true).ToString("D"));
        }

        return bytes;
    }

    private static string Tag(byte[] digest, int font)
    {
        var hash = SHA256.HashData([.. digest, .. BitConverter.GetBytes(font)]);
        var tag = new char[6];
        for (var i = 0; i < tag.Length; i++)
        {
            tag[i] = (char)('A' + (hash[i] % 26));
        }

        return new string(tag);
    }

    private static void Write(byte[] bytes, int index, string value) => Encoding.ASCII.GetBytes(value, bytes.AsSpan(index, value.Length));

    [GeneratedRegex(@"/(?:BaseFont|FontName)\s*/(?<tag>[A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"/ID\s*\[\s*<(?<first>[0-9A-Fa-f]{32})>\s*<(?<second>[0-9A-Fa-f]{32})>\s*\]")]
    private static partial Regex TrailerId();

    [GeneratedRegex(@"<xmpMM:(?:DocumentID|InstanceID)>uuid:(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})<")]
    private static partial Regex XmpUuid();
}
