namespace HeadlessPortal.Application.Documents;

/// <summary>Where document content lives. Content is addressed by its SHA-256, so storing the same bytes twice is one file.</summary>
public interface IFileStorage
{
    /// <summary>Streams <paramref name="content"/> into storage; fails with <see cref="FileTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    Task<StoredFile> SaveAsync(string tenantScope, Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Opens stored content for reading, or null when it is missing.</summary>
    Task<Stream?> OpenAsync(string storageKey, CancellationToken cancellationToken);
}

/// <summary>The result of storing content: its key, size, hash and first bytes (to check what it really is).</summary>
public sealed record StoredFile(string StorageKey, long Size, string Sha256, byte[] Head);

public sealed class FileTooLargeException(long maxBytes) : Exception($"The file is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>Configuration section "Documents".</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    /// <summary>Where the local file storage keeps content, relative to the content root unless absolute.</summary>
    public string Directory { get; set; } = "data/files";

    public long MaxBytes { get; set; } = 25 * 1024 * 1024;
}

/// <summary>The file types documents may be: images and PDF, recognized by their first bytes.</summary>
public static class DocumentContentTypes
{
    public static readonly IReadOnlyList<string> Allowed = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf"];

    /// <summary>Whether the first bytes are those of the declared type (so a renamed executable is not a "PDF").</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> head) => contentType switch
    {
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/gif" => head.StartsWith("GIF8"u8),
        "image/webp" => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        "image/heic" => head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8),
        "application/pdf" => head.StartsWith("%PDF-"u8),
        _ => false,
    };
}
