using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HeadlessPortal.Infrastructure.ProposalDocuments;

/// <summary>
/// Lays content down US Letter pages from top to bottom: a cursor, a new page when the next piece does not fit, text
/// wrapped to a width, and footers drawn once the page count is known.
/// </summary>
internal sealed class PdfPageFlow(PdfDocument document) : IDisposable
{
    public const double PageWidth = 612;
    public const double PageHeight = 792;
    public const double Margin = 54;

    private const double FooterSpace = 40;

    private readonly List<PdfPage> _pages = [];
    private XGraphics? _graphics;
    private double _contentTop;

    public double Left => Margin;

    public double Right => PageWidth - Margin;

    public double Width => Right - Left;

    /// <summary>The lowest point content may reach; the footer lives below it.</summary>
    public double Bottom => PageHeight - Margin - FooterSpace;

    /// <summary>Where the next piece of content starts.</summary>
    public double Y { get; set; }

    public XGraphics Graphics => _graphics ?? throw new InvalidOperationException("No page has been started.");

    public int PageCount => _pages.Count;

    /// <summary>Drawn at the top of every page that continues a table, such as the table's header row.</summary>
    public Action? ContinuationHeader { get; set; }

    /// <summary>True while nothing but a continuation header is on the current page.</summary>
    public bool AtTopOfPage => Y <= _contentTop + 0.01;

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PageSize.Letter;
        _pages.Add(page);
        _graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
        ContinuationHeader?.Invoke();
        _contentTop = Y;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one (or it is still empty).</summary>
    public void Ensure(double height)
    {
        if (Y + height > Bottom && !AtTopOfPage)
        {
            NewPage();
        }
    }

    public double Remaining => Bottom - Y;

    public double Measure(string text, XFont font) => Graphics.MeasureString(text, font).Width;

    public void Text(string text, XFont font, XBrush brush, double x, double y) =>
        Graphics.DrawString(text, font, brush, new XRect(x, y, 0, 0), XStringFormats.TopLeft);

    public void TextRight(string text, XFont font, XBrush brush, double right, double y) =>
        Graphics.DrawString(text, font, brush, new XRect(right - Measure(text, font), y, 0, 0), XStringFormats.TopLeft);

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at spaces where it can, inside a word too long for
    /// a line of its own (a URL), and at every line break in the text.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            var current = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (current.Length > 1 && Measure(current, font) > width)
                {
                    var fit = FittingLength(current, font, width);
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    /// <summary>Draws "Page n of m" and the document's label at the foot of every page.</summary>
    public void DrawFooters(string label, XFont font, XBrush brush, XPen rule)
    {
        _graphics?.Dispose();
        _graphics = null;
        for (var index = 0; index < _pages.Count; index++)
        {
            using var graphics = XGraphics.FromPdfPage(_pages[index], XGraphicsPdfPageOptions.Append);
            var top = PageHeight - Margin - FooterSpace + 16;
            graphics.DrawLine(rule, Left, top, Right, top);
            graphics.DrawString(label, font, brush, new XRect(Left, top + 6, 0, 0), XStringFormats.TopLeft);
            var pageText = $"Page {index + 1} of {_pages.Count}";
            var width = graphics.MeasureString(pageText, font).Width;
            graphics.DrawString(pageText, font, brush, new XRect(Right - width, top + 6, 0, 0), XStringFormats.TopLeft);
        }
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _graphics = null;
    }

    /// <summary>The longest prefix of <paramref name="word"/> that fits, at least one character, never half a surrogate pair.</summary>
    private int FittingLength(string word, XFont font, double width)
    {
        int low = 1, high = word.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Measure(word[..middle], font) <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (char.IsHighSurrogate(word[low - 1]))
        {
            low = low > 1 ? low - 1 : Math.Min(low + 1, word.Length);
        }

        return low;
    }

    /// <summary>Line breaks become '\n'; tabs and other control characters, which have no glyph, become spaces.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '\n' || !char.IsControl(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }
}
