using System.Reflection;
using PdfSharp.Fonts;

namespace HeadlessPortal.Infrastructure.ProposalDocuments;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces this assembly embeds, whatever family a document asks for, so rendering never
/// depends on the fonts installed on the machine. PDFsharp's font resolver is process-wide: <see cref="Install"/> sets
/// it once and every later call finds it in place.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name documents use; any other name resolves to it too.</summary>
    public const string FamilyName = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));

    private EmbeddedFontResolver()
    {
    }

    /// <summary>Sets this resolver as PDFsharp's global font resolver unless it already is.</summary>
    /// <exception cref="InvalidOperationException">Another resolver was set first.</exception>
    public static void Install()
    {
        if (GlobalFontSettings.FontResolver is EmbeddedFontResolver)
        {
            return;
        }

        lock (Gate)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case EmbeddedFontResolver:
                    return;
                case null:
                    GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
                    return;
                default:
                    throw new InvalidOperationException(
                        $"PDFsharp's font resolver is already set to {GlobalFontSettings.FontResolver.GetType().Name}; documents need {nameof(EmbeddedFontResolver)}.");
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // DejaVu Sans has oblique faces, but we ship only two; PDFsharp slants the upright face when italic is asked.
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName switch
    {
        BoldFace => Bold.Value,
        RegularFace => Regular.Value,
        _ => throw new ArgumentException($"No embedded font face named {faceName}.", nameof(faceName)),
    };

    private static byte[] Load(string face)
    {
        var name = $"HeadlessPortal.Infrastructure.ProposalDocuments.Fonts.{face}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from the assembly.");
        using var buffer = new MemoryStream((int)stream.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
