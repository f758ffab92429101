using System.Buffers.Binary;
using System.Globalization;
using HeadlessPortal.Application.ProposalDocuments;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HeadlessPortal.Infrastructure.ProposalDocuments;

/// <summary>
/// Renders an estimate as a US Letter PDF with PDFsharp: the company's header in its brand colour, the customer and
/// service location, each option with its lines and total (tables continue on new pages with their header repeated),
/// the financing offer, the terms and, once decided, the acceptance with its signature or the decline.
/// Text is set in the DejaVu Sans faces this assembly embeds; nothing is fetched while rendering. The same model gives
/// the same bytes (see <see cref="DeterministicPdf"/>).
/// </summary>
internal sealed class PdfProposalDocumentRenderer : IProposalDocumentRenderer
{
    /// <summary>The brand colour when the company has none (or an unreadable one): a dark blue.</summary>
    internal static readonly XColor DefaultBrand = XColor.FromArgb(0x1F, 0x3A, 0x5F);

    /// <summary>Drawn signatures larger than this many pixels are not decoded; the typed name stands in for them.</summary>
    internal const long MaxSignaturePixels = 4_000_000;

    public byte[] Render(ProposalDocumentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        EmbeddedFontResolver.Install();

        using var document = new PdfDocument();
        var issued = model.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        document.Info.CreationDate = issued;
        document.Info.ModificationDate = issued;
        document.Info.Title = $"Estimate {model.Number}";
        document.Info.Author = model.Company.DisplayName;
        document.Info.Creator = "HeadlessPortal";

        using (var flow = new PdfPageFlow(document))
        {
            new Composer(flow, model).Compose();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return DeterministicPdf.Normalize(stream.ToArray());
    }

    /// <summary>Parses #RRGGBB; null for anything else.</summary>
    internal static XColor? ParseColor(string? value)
    {
        if (value is not { Length: 7 } || value[0] != '#'
            || !int.TryParse(value.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }

        return XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /// <summary>WCAG relative luminance, 0 (black) to 1 (white).</summary>
    internal static double Luminance(XColor color)
    {
        static double Channel(byte value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(color.R)) + (0.7152 * Channel(color.G)) + (0.0722 * Channel(color.B));
    }

    /// <summary>Width and height from a PNG's header, without decoding it; null when the bytes are no PNG.</summary>
    internal static (int Width, int Height)? PngSize(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        return width > 0 && height > 0 ? (width, height) : null;
    }

    private sealed class Composer
    {
        private const double BodySize = 9.5;
        private const double LineGap = 3;
        private const double CellPadding = 5;
        private const double QuantityWidth = 56;
        private const double MoneyWidth = 92;

        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private static readonly XColor AcceptedColor = XColor.FromArgb(0x15, 0x80, 0x3D);
        private static readonly XColor DeclinedColor = XColor.FromArgb(0xB9, 0x1C, 0x1C);

        private readonly PdfPageFlow _flow;
        private readonly ProposalDocumentModel _model;

        private readonly XFont _companyFont = Font(20, bold: true);
        private readonly XFont _titleFont = Font(16, bold: true);
        private readonly XFont _headingFont = Font(12, bold: true);
        private readonly XFont _labelFont = Font(7.5, bold: true);
        private readonly XFont _bodyFont = Font(BodySize, bold: false);
        private readonly XFont _bodyBoldFont = Font(BodySize, bold: true);
        private readonly XFont _smallFont = Font(8, bold: false);
        private readonly XFont _signatureFont = Font(22, bold: false, italic: true);

        private readonly XBrush _text = new XSolidBrush(XColor.FromArgb(0x1F, 0x29, 0x37));
        private readonly XBrush _muted = new XSolidBrush(XColor.FromArgb(0x6B, 0x72, 0x80));
        private readonly XBrush _headerFill = new XSolidBrush(XColor.FromArgb(0xF1, 0xF3, 0xF6));
        private readonly XPen _hairline = new(XColor.FromArgb(0xD1, 0xD5, 0xDB), 0.5);
        private readonly XPen _rule = new(XColor.FromArgb(0x9C, 0xA3, 0xAF), 0.8);

        private readonly XColor _brand;
        private readonly XBrush _brandBrush;
        private readonly XBrush _brandTextBrush;
        private readonly XBrush _onBrandBrush;

        public Composer(PdfPageFlow flow, ProposalDocumentModel model)
        {
            _flow = flow;
            _model = model;
            _brand = ParseColor(model.Company.PrimaryColor) ?? DefaultBrand;
            _brandBrush = new XSolidBrush(_brand);

            // Text in the brand colour must stay readable on white (contrast 3:1 at least); a pale brand colour keeps
            // its fills and rules and the text turns dark.
            var luminance = Luminance(_brand);
            _brandTextBrush = 1.05 / (luminance + 0.05) >= 3 ? _brandBrush : _text;
            _onBrandBrush = luminance > 0.45 ? _text : XBrushes.White;
        }

        private double BodyLine => _bodyFont.GetHeight() + LineGap;

        public void Compose()
        {
            _flow.NewPage();
            Header();
            TitleBlock();
            Parties();
            Summary();
            foreach (var option in _model.Options)
            {
                Option(option);
            }

            Financing();
            Terms();
            Decision();
            _flow.DrawFooters($"Estimate {_model.Number} \u00B7 {_model.Company.DisplayName}", _smallFont, _muted, _hairline);
        }

        private void Header()
        {
            var contactWidth = 190.0;
            var top = _flow.Y;
            var y = top;
            foreach (var line in _flow.Wrap(_model.Company.DisplayName, _companyFont, _flow.Width - contactWidth - 12))
            {
                _flow.Text(line, _companyFont, _brandTextBrush, _flow.Left, y);
                y += _companyFont.GetHeight();
            }

            var contactY = top + 2;
            var contacts = new[]
            {
                _model.Company.Phone is { Length: > 0 } phone ? ProposalDocumentText.Phone(phone) : null,
                _model.Company.Email is { Length: > 0 } email ? email : null,
            };
            foreach (var contact in contacts.OfType<string>())
            {
                foreach (var line in _flow.Wrap(contact, _bodyFont, contactWidth))
                {
                    _flow.TextRight(line, _bodyFont, _muted, _flow.Right, contactY);
                    contactY += BodyLine;
                }
            }

            _flow.Y = Math.Max(y, contactY) + 8;
            _flow.Graphics.DrawRectangle(_brandBrush, _flow.Left, _flow.Y, _flow.Width, 3);
            _flow.Y += 20;
        }

        private void TitleBlock()
        {
            var top = _flow.Y;
            _flow.Text($"Estimate {_model.Number}", _titleFont, _text, _flow.Left, top);

            var y = top + 2;
            _flow.TextRight($"Issued {ProposalDocumentText.Date(_model.IssuedOn)}", _bodyFont, _text, _flow.Right, y);
            if (_model.ExpiresOn is { } expires)
            {
                y += BodyLine;
                _flow.TextRight($"Valid until {ProposalDocumentText.Date(expires)}", _bodyBoldFont, _text, _flow.Right, y);
            }

            _flow.Y = Math.Max(top + _titleFont.GetHeight(), y + BodyLine) + 14;
        }

        private void Parties()
        {
            var columnWidth = (_flow.Width - 24) / 2;
            var top = _flow.Y;
            var left = Party("PREPARED FOR", _model.Customer, _flow.Left, top, columnWidth);
            var right = _model.Location is { } location
                ? Party("SERVICE LOCATION", location, _flow.Left + columnWidth + 24, top, columnWidth)
                : top;
            _flow.Y = Math.Max(left, right) + 14;
        }

        private double Party(string label, ProposalDocumentParty party, double x, double y, double width)
        {
            _flow.Text(label, _labelFont, _muted, x, y);
            y += _labelFont.GetHeight() + 4;
            foreach (var line in _flow.Wrap(party.Name, _bodyBoldFont, width))
            {
                _flow.Text(line, _bodyBoldFont, _text, x, y);
                y += BodyLine;
            }

            foreach (var addressLine in party.AddressLines)
            {
                foreach (var line in _flow.Wrap(addressLine, _bodyFont, width))
                {
                    _flow.Text(line, _bodyFont, _text, x, y);
                    y += BodyLine;
                }
            }

            return y;
        }

        private void Summary()
        {
            if (string.IsNullOrWhiteSpace(_model.Summary))
            {
                return;
            }

            Heading("Summary");
            Paragraph(_model.Summary, _bodyFont, _text);
            _flow.Y += 12;
        }

        private void Option(ProposalDocumentOption option)
        {
            var descriptionLines = string.IsNullOrWhiteSpace(option.Description)
                ? []
                : _flow.Wrap(option.Description, _bodyFont, _flow.Width);

            // Keep the option's name with the start of its description and table: name, two description lines, the
            // table header and one row.
            _flow.Ensure(_headingFont.GetHeight() + 8 + (Math.Min(2, descriptionLines.Count) * BodyLine) + (4 * BodyLine) + 20);
            OptionName(option);
            foreach (var line in descriptionLines)
            {
                _flow.Ensure(BodyLine);
                _flow.Text(line, _bodyFont, _muted, _flow.Left, _flow.Y);
                _flow.Y += BodyLine;
            }

            _flow.Y += 6;
            if (option.Lines.Count > 0)
            {
                TableHeader();
                _flow.ContinuationHeader = () =>
                {
                    _flow.Text($"{option.Name} (continued)", _bodyBoldFont, _muted, _flow.Left, _flow.Y);
                    _flow.Y += BodyLine + 4;
                    TableHeader();
                };
                foreach (var line in option.Lines)
                {
                    Row(line);
                }
            }

            _flow.Ensure(BodyLine + 12);
            _flow.Graphics.DrawLine(_rule, _flow.Left, _flow.Y, _flow.Right, _flow.Y);
            _flow.Y += CellPadding;
            var totalText = ProposalDocumentText.Money(option.Total, _model.Currency);
            _flow.TextRight(totalText, _bodyBoldFont, _text, _flow.Right - CellPadding, _flow.Y);
            _flow.TextRight($"{option.Name} total", _bodyBoldFont, _text, _flow.Right - MoneyWidth - CellPadding, _flow.Y);
            _flow.Y += BodyLine + 22;
            _flow.ContinuationHeader = null;
        }

        private void OptionName(ProposalDocumentOption option)
        {
            var badges = new List<(string Text, XBrush Fill, XBrush Ink)>();
            if (option.Recommended)
            {
                badges.Add(("Recommended", _brandBrush, _onBrandBrush));
            }

            if (_model.Decision is { Accepted: true } decision && decision.OptionId == option.Id)
            {
                badges.Add(("Accepted", new XSolidBrush(AcceptedColor), XBrushes.White));
            }

            var badgesWidth = badges.Sum(b => _flow.Measure(b.Text, _labelFont) + 14 + 6);
            var nameLines = _flow.Wrap(option.Name, _headingFont, _flow.Width - badgesWidth - 10);
            var top = _flow.Y;
            foreach (var line in nameLines)
            {
                _flow.Text(line, _headingFont, _text, _flow.Left, _flow.Y);
                _flow.Y += _headingFont.GetHeight();
            }

            var x = _flow.Left + _flow.Measure(nameLines[0], _headingFont) + 10;
            var height = _labelFont.GetHeight() + 6;
            var y = top + ((_headingFont.GetHeight() - height) / 2);
            foreach (var (text, fill, ink) in badges)
            {
                var width = _flow.Measure(text, _labelFont) + 14;
                _flow.Graphics.DrawRoundedRectangle(fill, x, y, width, height, 6, 6);
                _flow.Text(text, _labelFont, ink, x + 7, y + 3);
                x += width + 6;
            }

            _flow.Y += 4;
        }

        private double QuantityRight => _flow.Right - (2 * MoneyWidth) - CellPadding;

        private double UnitPriceRight => _flow.Right - MoneyWidth - CellPadding;

        private double AmountRight => _flow.Right - CellPadding;

        private double DescriptionWidth => _flow.Width - (2 * MoneyWidth) - QuantityWidth - (2 * CellPadding);

        private void TableHeader()
        {
            var height = _labelFont.GetHeight() + (2 * CellPadding);
            _flow.Graphics.DrawRectangle(_headerFill, _flow.Left, _flow.Y, _flow.Width, height);
            var y = _flow.Y + CellPadding;
            _flow.Text("DESCRIPTION", _labelFont, _muted, _flow.Left + CellPadding, y);
            _flow.TextRight("QTY", _labelFont, _muted, QuantityRight, y);
            _flow.TextRight("UNIT PRICE", _labelFont, _muted, UnitPriceRight, y);
            _flow.TextRight("AMOUNT", _labelFont, _muted, AmountRight, y);
            _flow.Y += height;
        }

        private void Row(ProposalDocumentLine line)
        {
            var lines = _flow.Wrap(line.Description, _bodyFont, DescriptionWidth);
            var first = true;
            var index = 0;
            while (index < lines.Count)
            {
                var fitting = (int)Math.Floor((_flow.Remaining - (2 * CellPadding)) / BodyLine);
                var whole = lines.Count - index;
                if (fitting < whole && !_flow.AtTopOfPage)
                {
                    // A row that does not fit moves to the next page whole; only a row taller than a page is split.
                    _flow.NewPage();
                    continue;
                }

                var count = Math.Max(1, Math.Min(whole, fitting));
                var y = _flow.Y + CellPadding;
                if (first)
                {
                    _flow.TextRight(ProposalDocumentText.Quantity(line.Quantity), _bodyFont, _text, QuantityRight, y);
                    _flow.TextRight(ProposalDocumentText.Money(line.UnitPrice, _model.Currency), _bodyFont, _text, UnitPriceRight, y);
                    _flow.TextRight(ProposalDocumentText.Money(line.Amount, _model.Currency), _bodyFont, _text, AmountRight, y);
                    first = false;
                }

                for (var i = 0; i < count; i++)
                {
                    _flow.Text(lines[index + i], _bodyFont, _text, _flow.Left + CellPadding, y);
                    y += BodyLine;
                }

                index += count;
                _flow.Y = y + CellPadding - LineGap;
                if (index == lines.Count)
                {
                    _flow.Graphics.DrawLine(_hairline, _flow.Left, _flow.Y, _flow.Right, _flow.Y);
                }
                else
                {
                    _flow.NewPage();
                }
            }
        }

        private void Financing()
        {
            if (string.IsNullOrWhiteSpace(_model.FinancingOfferUrl))
            {
                return;
            }

            Heading("Financing available");
            Paragraph("Pay over time with our financing partner:", _bodyFont, _text);
            Paragraph(_model.FinancingOfferUrl, _bodyFont, _brandTextBrush);
            _flow.Y += 12;
        }

        private void Terms()
        {
            if (string.IsNullOrWhiteSpace(_model.Terms))
            {
                return;
            }

            Heading("Terms");
            Paragraph(_model.Terms, _smallFont, _text);
            _flow.Y += 12;
        }

        private void Decision()
        {
            if (_model.Decision is not { } decision)
            {
                return;
            }

            if (decision.Accepted)
            {
                Accepted(decision);
            }
            else
            {
                Declined(decision);
            }
        }

        private void Accepted(ProposalDocumentDecision decision)
        {
            const double signatureWidth = 220;
            const double signatureHeight = 70;
            _flow.Ensure(_headingFont.GetHeight() + (5 * BodyLine) + signatureHeight + 40);
            DecisionHeading("Accepted", AcceptedColor);

            var option = _model.Options.FirstOrDefault(o => o.Id == decision.OptionId);
            var chosen = option is null
                ? decision.OptionId ?? "(not recorded)"
                : $"{option.Name} \u2014 {ProposalDocumentText.Money(option.Total, _model.Currency)}";
            Field("Option", chosen);
            Field("Signed by", decision.SignerName ?? "(not recorded)");
            _flow.Y += 6;

            // The signature, its line and caption stay together, even after a signer's name that wrapped.
            _flow.Ensure(signatureHeight + _smallFont.GetHeight() + 3);
            var box = new XRect(_flow.Left, _flow.Y, signatureWidth, signatureHeight);
            if (!DrawSignatureImage(decision.SignaturePng, box))
            {
                // A typed name is written large on the line, which grows with a long name up to the page's width;
                // only a name longer than that is set smaller.
                var name = decision.SignerName ?? string.Empty;
                var width = _flow.Measure(name, _signatureFont) + 8;
                var font = width > _flow.Width ? Font(_signatureFont.Size * _flow.Width / width, bold: false, italic: true) : _signatureFont;
                box.Width = Math.Clamp(width, signatureWidth, _flow.Width);
                _flow.Text(name, font, _text, box.Left + 2, box.Bottom - font.GetHeight() - 2);
            }

            _flow.Graphics.DrawLine(_rule, box.Left, box.Bottom, box.Right, box.Bottom);
            _flow.Y = box.Bottom + 3;
            _flow.Text("Signature", _smallFont, _muted, box.Left, _flow.Y);
            _flow.Y += _smallFont.GetHeight() + 8;

            Field("Signed on", ProposalDocumentText.Moment(decision.DecidedAt));
            Field("Evidence reference", decision.EvidenceReference);
        }

        private void Declined(ProposalDocumentDecision decision)
        {
            _flow.Ensure(_headingFont.GetHeight() + (4 * BodyLine) + 20);
            DecisionHeading("Declined", DeclinedColor);
            Paragraph($"Declined on {ProposalDocumentText.Moment(decision.DecidedAt)}", _bodyFont, _text);
            if (!string.IsNullOrWhiteSpace(decision.DeclineReason))
            {
                Paragraph($"Reason: {decision.DeclineReason}", _bodyFont, _text);
            }

            Paragraph($"Evidence reference: {decision.EvidenceReference}", _bodyFont, _text);
        }

        /// <summary>Draws the PNG scaled into the box, keeping its aspect ratio; false when there is none or it cannot be read.</summary>
        private bool DrawSignatureImage(byte[]? png, XRect box)
        {
            if (png is null || PngSize(png) is not { } size || (long)size.Width * size.Height > MaxSignaturePixels)
            {
                return false;
            }

            try
            {
                using var image = XImage.FromStream(new MemoryStream(png, writable: false));
                var scale = Math.Min(box.Width / size.Width, (box.Height - 4) / size.Height);
                var width = size.Width * scale;
                var height = size.Height * scale;
                _flow.Graphics.DrawImage(image, box.Left, box.Bottom - 2 - height, width, height);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // PDFsharp reports a damaged PNG, or one it cannot embed (16-bit, 1-bit, interlaced), with various
                // exception types; any of them means there is no drawing to show, and the typed name stands in.
                return false;
            }

            return true;
        }

        private void DecisionHeading(string title, XColor color)
        {
            _flow.Graphics.DrawLine(new XPen(color, 1.5), _flow.Left, _flow.Y, _flow.Right, _flow.Y);
            _flow.Y += 8;
            _flow.Text(title, _headingFont, new XSolidBrush(color), _flow.Left, _flow.Y);
            _flow.Y += _headingFont.GetHeight() + 6;
        }

        private void Field(string label, string value)
        {
            var labelText = label + ": ";
            var labelWidth = _flow.Measure(labelText, _bodyBoldFont);
            var lines = _flow.Wrap(value, _bodyFont, _flow.Width - labelWidth);
            _flow.Ensure(BodyLine);
            _flow.Text(labelText, _bodyBoldFont, _text, _flow.Left, _flow.Y);
            foreach (var line in lines)
            {
                _flow.Ensure(BodyLine);
                _flow.Text(line, _bodyFont, _text, _flow.Left + labelWidth, _flow.Y);
                _flow.Y += BodyLine;
            }
        }

        private void Heading(string title)
        {
            _flow.Ensure(_headingFont.GetHeight() + (3 * BodyLine));
            _flow.Text(title, _headingFont, _text, _flow.Left, _flow.Y);
            _flow.Y += _headingFont.GetHeight() + 4;
        }

        private void Paragraph(string text, XFont font, XBrush brush)
        {
            var lineHeight = font.GetHeight() + LineGap;
            foreach (var line in _flow.Wrap(text, font, _flow.Width))
            {
                _flow.Ensure(lineHeight);
                _flow.Text(line, font, brush, _flow.Left, _flow.Y);
                _flow.Y += lineHeight;
            }
        }

        private static XFont Font(double size, bool bold, bool italic = false)
        {
            var style = (bold, italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                _ => XFontStyleEx.Regular,
            };
            return new XFont(EmbeddedFontResolver.FamilyName, size, style, Unicode);
        }
    }
}
