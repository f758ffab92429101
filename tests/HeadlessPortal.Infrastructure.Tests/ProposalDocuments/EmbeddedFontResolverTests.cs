using HeadlessPortal.Infrastructure.ProposalDocuments;
using PdfSharp.Fonts;

namespace HeadlessPortal.Infrastructure.Tests.ProposalDocuments;

public sealed class EmbeddedFontResolverTests
{
    [Fact]
    public void Install_CalledAgainFromManyThreads_KeepsOneResolverInPlace()
    {
        EmbeddedFontResolver.Install();
        var installed = GlobalFontSettings.FontResolver;

        Parallel.For(0, 16, _ => EmbeddedFontResolver.Install());

        Assert.IsType<EmbeddedFontResolver>(installed);
        Assert.Same(installed, GlobalFontSettings.FontResolver);
    }

    [Theory]
    [InlineData("DejaVu Sans", false, false, "DejaVuSans", false)]
    [InlineData("DejaVu Sans", true, false, "DejaVuSans-Bold", false)]
    [InlineData("DejaVu Sans", false, true, "DejaVuSans", true)]
    [InlineData("Arial", true, false, "DejaVuSans-Bold", false)]
    public void ResolveTypeface_AnyFamily_GivesAnEmbeddedDejaVuFace(string family, bool bold, bool italic, string face, bool slanted)
    {
        EmbeddedFontResolver.Install();
        var resolver = GlobalFontSettings.FontResolver!;

        var info = resolver.ResolveTypeface(family, bold, italic)!;

        Assert.Equal(face, info.FaceName);
        Assert.Equal(slanted, info.MustSimulateItalic);
        var font = resolver.GetFont(info.FaceName)!;
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, font[..4]); // a TrueType font file
    }
}
