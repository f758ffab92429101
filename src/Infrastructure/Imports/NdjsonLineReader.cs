using HeadlessPortal.Application.Imports.ApplyImportBatch;

namespace HeadlessPortal.Infrastructure.Imports;

/// <summary>
/// Reads an NDJSON file line by line as UTF-8 bytes, knowing the byte offset after each line so an import can
/// resume exactly there. A line longer than <see cref="ImportLine.MaxBytes"/> is skipped and reported, not buffered.
/// </summary>
internal sealed class NdjsonLineReader(Stream stream, long startOffset)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The byte offset just after the last line returned.</summary>
    public long Offset { get; private set; } = startOffset;

    /// <summary>The next line (without its line break), or null at the end of the file.</summary>
    public async ValueTask<(ReadOnlyMemory<byte> Bytes, bool TooLong)?> ReadLineAsync(CancellationToken ct)
    {
        var skipping = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Take(newline, newline + 1, skipping);
            }

            if (_endOfStream)
            {
                return _start == _end && !skipping ? null : Take(_end - _start, _end - _start, skipping);
            }

            if (skipping || _end - _start >= ImportLine.MaxBytes)
            {
                // Too long to keep: drop what is buffered and keep reading until the line ends.
                Offset += _end - _start;
                _start = _end = 0;
                skipping = true;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, ImportLine.MaxBytes + 1));
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _endOfStream = read == 0;
            _end += read;
        }
    }

    private (ReadOnlyMemory<byte>, bool) Take(int length, int consumed, bool tooLong)
    {
        var line = _buffer.AsSpan(_start, length);
        if (Offset == 0 && line.StartsWith(Bom))
        {
            line = line[Bom.Length..];
        }

        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        var copy = tooLong ? ReadOnlyMemory<byte>.Empty : line.ToArray();
        Offset += consumed;
        _start += consumed;
        return (copy, tooLong);
    }
}
