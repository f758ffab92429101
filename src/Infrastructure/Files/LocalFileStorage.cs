using System.Security.Cryptography;
using HeadlessPortal.Application.Documents;

namespace HeadlessPortal.Infrastructure.Files;

/// <summary>
/// Content-addressed files on the local disk: {root}/{tenant}/{sha[0..2]}/{sha}. Content is written to a
/// temporary file while it is hashed, then moved into place, so a reader never sees a partial file.
/// </summary>
internal sealed class LocalFileStorage(string root) : IFileStorage
{
    private const int HeadLength = 16;

    public async Task<StoredFile> SaveAsync(string tenantScope, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var temp = Path.Combine(root, $".upload-{Guid.NewGuid():N}");
        var head = new byte[HeadLength];
        var headLength = 0;
        long size = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new FileTooLargeException(maxBytes);
                    }

                    if (headLength < HeadLength)
                    {
                        var take = Math.Min(HeadLength - headLength, read);
                        buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                        headLength += take;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var key = $"{tenantScope}/{sha[..2]}/{sha}";
            var target = Path.Combine(root, key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            return new StoredFile(key, size, sha, head[..headLength]);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task<Stream?> OpenAsync(string storageKey, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(root, storageKey));
        if (!path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }
}
