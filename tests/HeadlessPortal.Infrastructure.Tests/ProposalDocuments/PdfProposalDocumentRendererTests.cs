using HeadlessPortal.Application.ProposalDocuments;
using HeadlessPortal.Infrastructure.ProposalDocuments;
using UglyToad.PdfPig;

namespace HeadlessPortal.Infrastructure.Tests.ProposalDocuments;

public sealed class PdfProposalDocumentRendererTests
{
    private readonly PdfProposalDocumentRenderer _renderer = new();

    [Fact]
    public void Render_AnAcceptedEstimate_ShowsNumberOptionsTotalsExpiryAndTheAcceptance()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.AcceptedWithDrawnSignature()));

        Assert.Contains("Estimate EST-3310", text, StringComparison.Ordinal);
        Assert.Contains("Issued December 1, 2026", text, StringComparison.Ordinal);
        Assert.Contains("Valid until December 31, 2026", text, StringComparison.Ordinal);
        Assert.Contains("Good total", text, StringComparison.Ordinal);
        Assert.Contains("$2,469.00", text, StringComparison.Ordinal);
        Assert.Contains("Better total", text, StringComparison.Ordinal);
        Assert.Contains("$7,300.50", text, StringComparison.Ordinal);
        Assert.Contains("Recommended", text, StringComparison.Ordinal);
        Assert.Contains("Accepted", text, StringComparison.Ordinal);
        Assert.Contains("Better \u2014 $7,300.50", text, StringComparison.Ordinal);
        Assert.Contains("Signed by: Zoë Müller", text, StringComparison.Ordinal);
        Assert.Contains("December 3, 2026 at 2:05 PM (UTC\u221206:00)", text, StringComparison.Ordinal);
        Assert.Contains("Evidence reference: ev_01JF3Q8ZC4M2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnOpenEstimate_ShowsCompanyPartiesLinesTermsAndFinancingWithoutADecision()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.Open()));

        Assert.Contains("(512) 555-0100", text, StringComparison.Ordinal);
        Assert.Contains("office@lukasz-hvac.example", text, StringComparison.Ordinal);
        Assert.Contains("Zoë Müller", text, StringComparison.Ordinal);
        Assert.Contains("Main house", text, StringComparison.Ordinal);
        Assert.Contains("Austin, TX 78704", text, StringComparison.Ordinal);
        Assert.Contains("Replace the failing furnace", text, StringComparison.Ordinal);
        Assert.Contains("Installation labor", text, StringComparison.Ordinal);
        Assert.Contains("9.5", text, StringComparison.Ordinal);
        Assert.Contains("$902.50", text, StringComparison.Ordinal);
        Assert.Contains("Permits are included.", text, StringComparison.Ordinal);
        Assert.Contains("https://finance.example/offers/EST-3310?plan=60-months", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Declined", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NamesOutsideAscii_AreWrittenAsTheirOwnLetters()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.AcceptedWithTypedSignature()));

        Assert.Contains("Łukasz Heating & Air", text, StringComparison.Ordinal);
        Assert.Contains("Zoë Müller", text, StringComparison.Ordinal);
        Assert.Contains("Signed by: Łukasz Nowak", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ACompanyBrandColour_ColoursTheCompanyName()
    {
        using var pdf = PdfDocument.Open(_renderer.Render(ProposalDocumentSamples.Open()));

        var first = pdf.GetPage(1).Letters.First(l => l.Value == "Ł");
        Assert.Equal((0x0F / 255.0, 0x76 / 255.0, 0x6E / 255.0), first.Color.ToRGBValues(), new RgbComparer());
    }

    [Theory]
    [InlineData("#FFEE00", 0x1F, 0x29, 0x37)] // too pale to read on white: dark text
    [InlineData("blue", 0x1F, 0x3A, 0x5F)] // not #RRGGBB: the default dark blue
    [InlineData(null, 0x1F, 0x3A, 0x5F)]
    public void Render_APaleMissingOrInvalidBrandColour_KeepsTheCompanyNameReadable(string? color, int r, int g, int b)
    {
        var model = ProposalDocumentSamples.Open();
        model = model with { Company = model.Company with { PrimaryColor = color } };

        using var pdf = PdfDocument.Open(_renderer.Render(model));

        var first = pdf.GetPage(1).Letters.First(l => l.Value == "Ł");
        Assert.Equal((r / 255.0, g / 255.0, b / 255.0), first.Color.ToRGBValues(), new RgbComparer());
    }

    [Fact]
    public void Render_WithoutAnExpiry_SaysNothingAboutValidity()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.Open() with { ExpiresOn = null }));

        Assert.Contains("Issued December 1, 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Valid until", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnAcceptedEstimate_MarksTheChosenOptionWhereItIsListed()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.AcceptedWithTypedSignature()));

        Assert.Contains("GoodAccepted", text, StringComparison.Ordinal);
        Assert.Contains("BetterRecommended", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BetterRecommendedAccepted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnotherCurrency_WritesTheAmountWithTheUpperCaseCode()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.Open() with { Currency = "eur" }));

        Assert.Contains("7,300.50 EUR", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ADecline_ShowsWhenAndWhy()
    {
        var text = Text(_renderer.Render(ProposalDocumentSamples.Declined()));

        Assert.Contains("Declined on December 3, 2026 at 2:05 PM (UTC\u221206:00)", text, StringComparison.Ordinal);
        Assert.Contains("Reason: We went with another company.", text, StringComparison.Ordinal);
        Assert.Contains("Evidence reference: ev_01JF3Q8ZC4M4", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Signed by", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TenOptionsOfAHundredLines_ContinuesOverPagesNumberedOnEveryPage()
    {
        var bytes = _renderer.Render(ProposalDocumentSamples.Long(options: 10, lines: 100));

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 10, $"{pdf.NumberOfPages} pages");
        var pages = pdf.GetPages().ToList();
        for (var n = 1; n <= pages.Count; n++)
        {
            Assert.Contains($"Page {n} of {pages.Count}", pages[n - 1].Text, StringComparison.Ordinal);
            Assert.Contains("Estimate EST-3310", pages[n - 1].Text, StringComparison.Ordinal);
        }

        var text = string.Concat(pages.Select(p => p.Text));
        for (var o = 1; o <= 10; o++)
        {
            Assert.Contains($"Option {o} total", text, StringComparison.Ordinal);
            Assert.Contains($"Line {o}.100:", text, StringComparison.Ordinal);
        }

        Assert.Contains("$50,500.00", text, StringComparison.Ordinal);

        // Pages that continue a table repeat its header.
        Assert.True(pages.Skip(1).Count(p => p.Text.Contains("(continued)DESCRIPTION", StringComparison.Ordinal)) >= 5);
    }

    [Fact]
    public void Render_ALineTallerThanAPage_IsSplitAcrossPagesWithoutLosingText()
    {
        var words = string.Join(' ', Enumerable.Range(1, 1500).Select(i => $"w{i}"));
        var model = ProposalDocumentSamples.Open() with
        {
            Options = [new ProposalDocumentOption("opt_1", "Only", null, false, [new ProposalDocumentLine(words, 1, 100, 100)], 100)],
        };

        using var pdf = PdfDocument.Open(_renderer.Render(model));

        Assert.True(pdf.NumberOfPages >= 2);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("w1 w2 w3", text, StringComparison.Ordinal);
        Assert.Contains("w1500", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AWordWiderThanTheColumn_IsBrokenInsideTheMargins()
    {
        var url = "https://finance.example/" + new string('x', 400);
        var model = ProposalDocumentSamples.Open() with { Options = [], Terms = null, FinancingOfferUrl = url };

        using var pdf = PdfDocument.Open(_renderer.Render(model));

        var page = Assert.Single(pdf.GetPages());
        Assert.Contains(url, page.Text, StringComparison.Ordinal);
        Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 0, PdfPageFlow.PageWidth - PdfPageFlow.Margin + 0.5));
    }

    [Fact]
    public void Render_TheSameModelTwice_GivesTheSameBytes()
    {
        var first = _renderer.Render(ProposalDocumentSamples.AcceptedWithDrawnSignature());
        var second = new PdfProposalDocumentRenderer().Render(ProposalDocumentSamples.AcceptedWithDrawnSignature());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Render_AChangedAmount_GivesOtherBytes()
    {
        var model = ProposalDocumentSamples.Open();
        var changed = model with { Options = [model.Options[0] with { Total = model.Options[0].Total + 1 }, model.Options[1]] };

        Assert.NotEqual(_renderer.Render(model), _renderer.Render(changed));
    }

    [Fact]
    public void Render_DatesTheDocumentOnTheDayItWasIssued()
    {
        using var pdf = PdfDocument.Open(_renderer.Render(ProposalDocumentSamples.Open()));

        Assert.StartsWith("D:20261201000000", pdf.Information.CreationDate, StringComparison.Ordinal);
        Assert.StartsWith("D:20261201000000", pdf.Information.ModifiedDate, StringComparison.Ordinal);
        Assert.Equal("Estimate EST-3310", pdf.Information.Title);
    }

    [Fact]
    public void Render_ADrawnSignature_EmbedsItAsAnImage()
    {
        using var pdf = PdfDocument.Open(_renderer.Render(ProposalDocumentSamples.AcceptedWithDrawnSignature()));

        var image = Assert.Single(pdf.GetPages().SelectMany(p => p.GetImages()));
        Assert.Equal(300, image.WidthInSamples);
        Assert.Equal(100, image.HeightInSamples);

        // Scaled into the signature box (220 × 70 points, 2 points clear of its line) keeping its 3:1 shape.
        Assert.Equal(66, image.BoundingBox.Height, 1);
        Assert.Equal(198, image.BoundingBox.Width, 1);
    }

    [Fact]
    public void Render_ATypedSignature_WritesTheNameWithoutAnImage()
    {
        using var pdf = PdfDocument.Open(_renderer.Render(ProposalDocumentSamples.AcceptedWithTypedSignature()));

        Assert.Empty(pdf.GetPages().SelectMany(p => p.GetImages()));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Equal(2, CountOf(text, "Łukasz Nowak"));
    }

    [Theory]
    [InlineData("Łukasz Nowak")]
    [InlineData("Maximiliane Müller-Lüdenscheidt")]
    public void Render_ATypedName_IsWrittenLargeOnTheSignatureLine(string signer)
    {
        var model = ProposalDocumentSamples.AcceptedWithTypedSignature();
        model = model with { Decision = model.Decision! with { SignerName = signer } };

        using var pdf = PdfDocument.Open(_renderer.Render(model));

        var large = pdf.GetPages().SelectMany(p => p.Letters).Where(l => l.PointSize > 20 && l.PointSize < 24);
        Assert.Equal(signer.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(large.Select(l => l.Value)).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a png")]
    [InlineData("truncated")]
    [InlineData("too many pixels")]
    public void Render_ASignatureThatCannotBeShown_FallsBackToTheTypedName(string kind)
    {
        var png = ProposalDocumentSamples.SignaturePng(300, 100);
        var signature = kind switch
        {
            "not a png" => "not a png"u8.ToArray(),
            "truncated" => png[..(png.Length / 2)],
            _ => ProposalDocumentSamples.SignaturePng(4000, 1001), // a valid PNG, but past the 4 million pixel limit
        };
        var model = ProposalDocumentSamples.AcceptedWithDrawnSignature();
        model = model with { Decision = model.Decision! with { SignaturePng = signature } };

        using var pdf = PdfDocument.Open(_renderer.Render(model));

        Assert.Empty(pdf.GetPages().SelectMany(p => p.GetImages()));

        // The customer's name, "Signed by" and the typed signature.
        Assert.Equal(3, CountOf(string.Concat(pdf.GetPages().Select(p => p.Text)), "Zoë Müller"));
    }

    [Fact]
    public void PngSize_ReadsTheHeaderWithoutDecoding()
    {
        Assert.Equal((300, 100), PdfProposalDocumentRenderer.PngSize(ProposalDocumentSamples.SignaturePng(300, 100)));
        Assert.Null(PdfProposalDocumentRenderer.PngSize("GIF89a and more bytes than a header"u8.ToArray()));
    }

    [Fact]
    public void Render_ConcurrentlyFromManyThreads_GivesTheSameBytesEachTime()
    {
        var expected = _renderer.Render(ProposalDocumentSamples.AcceptedWithDrawnSignature());

        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = new PdfProposalDocumentRenderer().Render(ProposalDocumentSamples.AcceptedWithDrawnSignature()));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => p.Text));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class RgbComparer : IEqualityComparer<(double R, double G, double B)>
    {
        public bool Equals((double R, double G, double B) x, (double R, double G, double B) y) =>
            Math.Abs(x.R - y.R) < 0.01 && Math.Abs(x.G - y.G) < 0.01 && Math.Abs(x.B - y.B) < 0.01;

        public int GetHashCode((double R, double G, double B) obj) => 0;
    }
}
