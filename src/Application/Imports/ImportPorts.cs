namespace HeadlessPortal.Application.Imports;

/// <summary>Where uploaded import files wait to be processed.</summary>
public interface IImportFiles
{
    /// <summary>Streams the body into the import's file and answers its size; removes a partial file when the copy fails.</summary>
    Task<long> SaveAsync(Guid importId, Stream body, CancellationToken ct);

    /// <summary>Whether this process can read the import's file (it may live on another server's disk).</summary>
    bool Exists(Guid importId);

    Stream OpenRead(Guid importId);

    void Delete(Guid importId);
}

/// <summary>Wakes the import worker when an import is queued, instead of waiting for its next poll.</summary>
public interface IImportQueue
{
    void Notify();
}

/// <summary>Configuration section "Imports".</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>Where uploaded files are kept until processed, relative to the content root unless absolute.
    /// Several API processes must share it, since any of them may process an import.</summary>
    public string Directory { get; set; } = "data/imports";

    /// <summary>Lines applied per transaction. Larger batches spread the per-batch costs (lookups, scope, commit) over more lines;
    /// a batch must still finish well within the lease.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>The largest import body accepted, in bytes (2 GiB).</summary>
    public long MaxBodyBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Whether this process processes imports; API-only nodes can leave it to others.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for queued imports when nothing woke it.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How long a worker's hold on an import lasts without a committed batch before another may take over.</summary>
    public double LeaseSeconds { get; set; } = 60;
}
