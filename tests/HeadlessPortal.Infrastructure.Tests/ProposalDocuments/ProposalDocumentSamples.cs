using System.Buffers.Binary;
using System.IO.Compression;
using HeadlessPortal.Application.ProposalDocuments;

namespace HeadlessPortal.Infrastructure.Tests.ProposalDocuments;

/// <summary>Estimates to render in tests, and a drawn signature as a real PNG.</summary>
internal static class ProposalDocumentSamples
{
    public static readonly DateTimeOffset DecidedAt = new(2026, 12, 3, 14, 5, 0, TimeSpan.FromHours(-6));

    public static ProposalDocumentModel Open() => new(
        new ProposalDocumentCompany("Łukasz Heating & Air", "#0F766E", "+15125550100", "office@lukasz-hvac.example"),
        "EST-3310",
        "Replace the failing furnace and condenser at the main house; haul away the old equipment.",
        new DateOnly(2026, 12, 1),
        new DateOnly(2026, 12, 31),
        "Prices are valid until the date above. A 30% deposit is due on acceptance; the balance is due on completion.\n"
        + "Permits are included. Work carries a one-year labor warranty.",
        "usd",
        new ProposalDocumentParty("Zoë Müller", ["1200 Barton Springs Rd", "Austin, TX 78704"]),
        new ProposalDocumentParty("Main house", ["1200 Barton Springs Rd", "Austin, TX 78704"]),
        [
            new ProposalDocumentOption(
                "opt_good",
                "Good",
                "A single-stage furnace with a standard condenser.",
                Recommended: false,
                [
                    new ProposalDocumentLine("80% AFUE single-stage gas furnace, 60,000 BTU", 1m, 189_900, 189_900),
                    new ProposalDocumentLine("Installation labor", 6m, 9_500, 57_000),
                ],
                246_900),
            new ProposalDocumentOption(
                "opt_better",
                "Better",
                "A two-stage furnace and a 16 SEER2 condenser: quieter, more even heat, lower bills.",
                Recommended: true,
                [
                    new ProposalDocumentLine(
                        "96% AFUE two-stage variable-speed gas furnace, 80,000 BTU, with a programmable Wi-Fi thermostat, new filter "
                        + "rack and condensate pump, installed to manufacturer's specifications",
                        1m,
                        349_900,
                        349_900),
                    new ProposalDocumentLine("16 SEER2 condenser, 3 ton", 1m, 289_900, 289_900),
                    new ProposalDocumentLine("Installation labor", 9.5m, 9_500, 90_250),
                ],
                730_050),
        ],
        "https://finance.example/offers/EST-3310?plan=60-months",
        null);

    public static ProposalDocumentModel AcceptedWithDrawnSignature() => Open() with
    {
        Decision = new ProposalDocumentDecision(
            Accepted: true, "opt_better", "Zoë Müller", SignaturePng(300, 100), DecidedAt, "ev_01JF3Q8ZC4M2", DeclineReason: null),
    };

    public static ProposalDocumentModel AcceptedWithTypedSignature() => Open() with
    {
        Decision = new ProposalDocumentDecision(
            Accepted: true, "opt_good", "Łukasz Nowak", SignaturePng: null, DecidedAt, "ev_01JF3Q8ZC4M3", DeclineReason: null),
    };

    public static ProposalDocumentModel Declined() => Open() with
    {
        Decision = new ProposalDocumentDecision(
            Accepted: false, OptionId: null, SignerName: null, SignaturePng: null, DecidedAt, "ev_01JF3Q8ZC4M4", "We went with another company."),
    };

    /// <summary><paramref name="options"/> options of <paramref name="lines"/> lines each, every fifth description long enough to wrap.</summary>
    public static ProposalDocumentModel Long(int options, int lines) => Open() with
    {
        Options = Enumerable.Range(1, options).Select(o => new ProposalDocumentOption(
            $"opt_{o}",
            $"Option {o}",
            $"Everything in option {o}.",
            Recommended: o == 1,
            Enumerable.Range(1, lines).Select(l => new ProposalDocumentLine(
                l % 5 == 0
                    ? $"Line {o}.{l}: ductwork section with sealed joints, insulated to R-8, hangers every four feet, and a balancing damper at each branch"
                    : $"Line {o}.{l}: fitting",
                l,
                1_000,
                l * 1_000L)).ToList(),
            Enumerable.Range(1, lines).Sum(l => l * 1_000L))).ToList(),
    };

    /// <summary>An RGBA PNG with a transparent background and a dark stroke across it, as a signature pad sends.</summary>
    public static byte[] SignaturePng(int width, int height)
    {
        var raw = new byte[height * (1 + (width * 4))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 4));
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var curve = (int)(height / 2 + (height / 3 * Math.Sin(x / 20.0)));
                if (Math.Abs(y - curve) <= 2)
                {
                    var pixel = row + 1 + (x * 4);
                    raw[pixel] = 0x10;
                    raw[pixel + 1] = 0x20;
                    raw[pixel + 2] = 0x60;
                    raw[pixel + 3] = 0xFF;
                }
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type: RGBA

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
