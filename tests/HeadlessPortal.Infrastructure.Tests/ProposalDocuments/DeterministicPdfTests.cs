using System.Text;
using System.Text.RegularExpressions;
using HeadlessPortal.Infrastructure.ProposalDocuments;

namespace HeadlessPortal.Infrastructure.Tests.ProposalDocuments;

public sealed class DeterministicPdfTests
{
    [Fact]
    public void Normalize_TheRandomValuesOfTwoSaves_GivesTheSameBytesAtTheSameLength()
    {
        var first = Pdf("QWERTY", "ASDFGH", "0123456789ABCDEF0123456789ABCDEF", "ba9712c5-d953-449d-ab4f-aac8c3e6dc67", "content");
        var second = Pdf("ZXCVBN", "POIUYT", "FEDCBA9876543210FEDCBA9876543210", "8714db66-acc0-478d-9cab-cd67986e53d9", "content");

        var normalized = DeterministicPdf.Normalize(first);

        Assert.Equal(normalized, DeterministicPdf.Normalize(second));
        Assert.Equal(first.Length, normalized.Length);
        var text = Encoding.Latin1.GetString(normalized);
        Assert.DoesNotContain("QWERTY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789ABCDEF0123456789ABCDEF", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ba9712c5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_EachFont_KeepsOneTagSharedByItsDictionariesAndDifferentFromTheOthers()
    {
        var text = Encoding.Latin1.GetString(DeterministicPdf.Normalize(
            Pdf("QWERTY", "ASDFGH", "0123456789ABCDEF0123456789ABCDEF", "ba9712c5-d953-449d-ab4f-aac8c3e6dc67", "content")));

        var tags = Regex.Matches(text, "/(?:BaseFont|FontName)/([A-Z]{6})\\+").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, tags.Count);
        Assert.Equal(tags[0], tags[1]);
        Assert.Equal(tags[2], tags[3]);
        Assert.NotEqual(tags[0], tags[2]);
    }

    [Fact]
    public void Normalize_OtherContent_GivesAnotherDocumentId()
    {
        var one = Encoding.Latin1.GetString(DeterministicPdf.Normalize(
            Pdf("QWERTY", "ASDFGH", "0123456789ABCDEF0123456789ABCDEF", "ba9712c5-d953-449d-ab4f-aac8c3e6dc67", "content")));
        var other = Encoding.Latin1.GetString(DeterministicPdf.Normalize(
            Pdf("QWERTY", "ASDFGH", "0123456789ABCDEF0123456789ABCDEF", "ba9712c5-d953-449d-ab4f-aac8c3e6dc67", "CONTENT")));

        Assert.NotEqual(Id(one), Id(other));
        Assert.Matches("^[0-9A-F]{32}$", Id(one));
    }

    private static string Id(string pdf) => Regex.Match(pdf, "/ID\\[<([0-9A-F]{32})><\\1>\\]").Groups[1].Value;

    private static byte[] Pdf(string regularTag, string boldTag, string id, string uuid, string content) => Encoding.Latin1.GetBytes(
        $"%PDF-1.7\n1 0 obj\n<</Type/FontDescriptor/FontName/{regularTag}+DejaVu#20Sans>>\nendobj\n"
        + $"2 0 obj\n<</Type/Font/Subtype/Type0/BaseFont/{regularTag}+DejaVu#20Sans>>\nendobj\n"
        + $"3 0 obj\n<</Type/FontDescriptor/FontName/{boldTag}+DejaVu#20Sans,Bold>>\nendobj\n"
        + $"4 0 obj\n<</Type/Font/Subtype/Type0/BaseFont/{boldTag}+DejaVu#20Sans,Bold>>\nendobj\n"
        + $"5 0 obj\n<</Length 7>>stream\n{content}\nendstream\nendobj\n"
        + $"6 0 obj\n<</Type/Metadata>>stream\n<xmpMM:DocumentID>uuid:{uuid}</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:{uuid}</xmpMM:InstanceID>\nendstream\nendobj\n"
        + $"trailer\n<</ID[<{id}><{id}>]/Size 7>>\n%%EOF\n");
}
