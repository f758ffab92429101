using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Imports;

/// <summary>Where a bulk import stands.</summary>
public enum ImportStatus
{
    /// <summary>Waiting for a worker (new, or handed back by a worker that stopped).</summary>
    Queued,

    /// <summary>A worker holds it and applies its lines batch by batch.</summary>
    Running,

    /// <summary>Every line was read; each was applied or reported.</summary>
    Completed,
}

/// <summary>A line of an import that could not be applied.</summary>
/// <param name="Line">The 1-based line number in the file.</param>
/// <param name="Code">A stable code such as malformed_line, unknown_type, validation_failed, unknown_reference.</param>
/// <param name="Message">What was wrong, for a human.</param>
public sealed record ImportLineError(long Line, string Code, string Message);

/// <summary>
/// A bulk NDJSON load of synced records (first loads from a back office). The file is applied in batches;
/// each committed batch moves the progress forward in the same transaction as its records, so a worker that
/// stops resumes exactly after the last committed line. A worker holds the import by a lease it renews per batch.
/// </summary>
public sealed class ImportJob : ITenantOwned
{
    /// <summary>Only the first errors are kept; the failed count goes on counting.</summary>
    public const int MaxStoredErrors = 1000;
    public const int MessageMaxLength = 500;
    public const int CreatedByMaxLength = 100;
    public const int ClaimedByMaxLength = 200;

    private List<ImportLineError> _errors = [];

    private ImportJob()
    {
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The API client that sent the file; the import's changes are made as that client.</summary>
    public string CreatedBy { get; private set; }

    public ImportStatus Status { get; private set; }

    /// <summary>The size of the uploaded file in bytes.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Lines read and committed so far (blank lines included, so it is the last line number handled).</summary>
    public long LinesRead { get; private set; }

    /// <summary>Where the next batch starts in the file, in bytes.</summary>
    public long ByteOffset { get; private set; }

    public long Applied { get; private set; }

    public long Failed { get; private set; }

    /// <summary>The first <see cref="MaxStoredErrors"/> failed lines.</summary>
    public IReadOnlyList<ImportLineError> Errors => _errors;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The worker holding the import while it runs.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>Until when the worker's hold is valid; past it, another worker may take the import over.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>Changes with every claim, so a worker that lost its lease cannot commit over the new holder.</summary>
    public int Version { get; private set; }

    public static ImportJob Queue(Guid id, TenantId tenantId, string createdBy, long sizeBytes, DateTimeOffset now) => new()
    {
        Id = id,
        TenantId = tenantId,
        CreatedBy = Guard.Required(createdBy, "Created by", CreatedByMaxLength),
        Status = ImportStatus.Queued,
        SizeBytes = sizeBytes >= 0 ? sizeBytes : throw new DomainException("invalid_size", "An import's size cannot be negative."),
        CreatedAt = now,
    };

    /// <summary>Whether <paramref name="worker"/> holds the import now.</summary>
    public bool IsHeldBy(string worker) => Status == ImportStatus.Running && ClaimedBy == worker;

    /// <summary>
    /// Records a committed batch: the lines up to <paramref name="lastLine"/> ending at <paramref name="byteOffset"/>,
    /// their outcomes, and the renewed lease; completes the import after its last batch.
    /// </summary>
    public void RecordBatch(long lastLine, long byteOffset, long applied, IReadOnlyList<ImportLineError> errors, bool endOfFile, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        if (Status != ImportStatus.Running)
        {
            throw new DomainException("import_not_running", "Only a running import records progress.", DomainErrorKind.Conflict);
        }

        if (lastLine < LinesRead || byteOffset < ByteOffset)
        {
            throw new DomainException("import_progress_backwards", "An import's progress only moves forward.", DomainErrorKind.Conflict);
        }

        LinesRead = lastLine;
        ByteOffset = byteOffset;
        Applied += applied;
        Failed += errors.Count;
        var room = MaxStoredErrors - _errors.Count;
        if (room > 0 && errors.Count > 0)
        {
            // A new list, so change tracking sees the column change.
            _errors = [.. _errors, .. errors.Take(room).Select(Trimmed)];
        }

        if (endOfFile)
        {
            Status = ImportStatus.Completed;
            CompletedAt = now;
            ClaimedBy = null;
            LeaseUntil = null;
        }
        else
        {
            LeaseUntil = leaseUntil;
        }
    }

    private static ImportLineError Trimmed(ImportLineError error) =>
        error.Message.Length <= MessageMaxLength ? error : error with { Message = error.Message[..(MessageMaxLength - 1)] + "…" };
}
