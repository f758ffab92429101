using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HeadlessPortal.Domain.Common;

/// <summary>
/// RFC 9562 version 7 UUIDs that are strictly increasing within this process: the 12 bits after the
/// millisecond timestamp count up within a millisecond (the RFC's "fixed bit-length dedicated counter"),
/// so ids generated in sequence also sort in sequence and keyset pages never skip a row created in the
/// same millisecond as the cursor. <see cref="Guid.CreateVersion7()"/> fills those bits randomly instead.
/// </summary>
public static class UuidV7
{
    private static readonly UuidV7Generator Shared = new();

    public static Guid NewGuid() => Shared.NewGuid(DateTimeOffset.UtcNow);
}

/// <summary>One monotonic sequence of version 7 UUIDs; <see cref="UuidV7"/> holds the process-wide one.</summary>
public sealed class UuidV7Generator
{
    private const int CounterMax = 0xFFF;
    private readonly Lock _gate = new();
    private long _lastMilliseconds;
    private int _counter;

    public Guid NewGuid(DateTimeOffset now)
    {
        long milliseconds;
        int counter;
        lock (_gate)
        {
            milliseconds = Math.Max(now.ToUnixTimeMilliseconds(), _lastMilliseconds);
            if (milliseconds == _lastMilliseconds)
            {
                if (_counter == CounterMax)
                {
                    // Counter exhausted within this millisecond: borrow the next one, as the RFC allows.
                    milliseconds++;
                    _counter = RandomStart();
                }
                else
                {
                    _counter++;
                }
            }
            else
            {
                _counter = RandomStart();
            }

            _lastMilliseconds = milliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    // Start low in the counter space, leaving room to count up within one millisecond.
    private static int RandomStart() => RandomNumberGenerator.GetInt32(0, 0x400);
}
