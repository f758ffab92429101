using HeadlessPortal.Application.Imports;

namespace HeadlessPortal.Infrastructure.Imports;

/// <summary>Import files on disk, one per import: {Imports:Directory}/{id}.ndjson.</summary>
internal sealed class ImportFiles(ImportOptions options, string contentRootPath) : IImportFiles
{
    private const int BufferSize = 128 * 1024;

    private string Directory => Path.GetFullPath(Path.Combine(contentRootPath, options.Directory));

    public async Task<long> SaveAsync(Guid importId, Stream body, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(importId);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await body.CopyToAsync(file, BufferSize, ct);
            return file.Length;
        }
        catch
        {
            // An aborted or oversized upload leaves nothing behind.
            File.Delete(path);
            throw;
        }
    }

    public bool Exists(Guid importId) => File.Exists(PathOf(importId));

    public Stream OpenRead(Guid importId) =>
        new FileStream(PathOf(importId), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Delete(Guid importId) => File.Delete(PathOf(importId));

    private string PathOf(Guid importId) => Path.Combine(Directory, importId.ToString("D") + ".ndjson");
}
