using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HeadlessPortal.TestSupport;

/// <summary>Real PNG files for signature tests: signature, IHDR, IDAT and IEND chunks with correct CRCs.</summary>
public static class TestPng
{
    /// <summary>A white greyscale image of the given size; <paramref name="extraBytes"/> adds a text chunk to make the file larger.</summary>
    public static byte[] Create(int width, int height, int extraBytes = 0)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (greyscale), compression, filter and interlace 0
        Chunk(output, "IHDR", ihdr);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[width + 1];
                Array.Fill(row, (byte)0xFF, 1, width);
                for (var y = 0; y < height; y++)
                {
                    z.Write(row);
                }
            }

            Chunk(output, "IDAT", raw.ToArray());
        }

        if (extraBytes > 0)
        {
            Chunk(output, "tEXt", Encoding.ASCII.GetBytes("Comment\0" + new string('x', extraBytes)));
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>The image as a data URL, as a signature pad sends it.</summary>
    public static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        output.Write(header);
        output.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header[4..], .. data]));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
