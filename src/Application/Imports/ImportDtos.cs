using HeadlessPortal.Domain.Imports;

namespace HeadlessPortal.Application.Imports;

/// <summary>A bulk import and how far it got.</summary>
/// <param name="Id">The import's id.</param>
/// <param name="Status">queued, running or completed.</param>
/// <param name="SizeBytes">The size of the uploaded file.</param>
/// <param name="LinesRead">Lines handled so far (the last line number read).</param>
/// <param name="Applied">Lines applied (records created, updated or unchanged).</param>
/// <param name="Failed">Lines that could not be applied; each is in errors, up to the first 1000.</param>
/// <param name="Errors">The failed lines, by 1-based line number, with a stable code.</param>
/// <param name="CreatedAt">When the file was received.</param>
/// <param name="CompletedAt">When the last line was handled.</param>
public sealed record ImportDto(
    Guid Id,
    ImportStatus Status,
    long SizeBytes,
    long LinesRead,
    long Applied,
    long Failed,
    IReadOnlyList<ImportErrorDto> Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static ImportDto From(ImportJob job) => new(
        job.Id, job.Status, job.SizeBytes, job.LinesRead, job.Applied, job.Failed,
        job.Errors.Select(e => new ImportErrorDto(e.Line, e.Code, e.Message)).ToList(), job.CreatedAt, job.CompletedAt);
}

/// <summary>An import line that could not be applied.</summary>
/// <param name="Line">The 1-based line number in the file.</param>
/// <param name="Code">malformed_line, unknown_type, validation_failed, unknown_reference, or a business rule's code.</param>
/// <param name="Message">What was wrong.</param>
public sealed record ImportErrorDto(long Line, string Code, string Message);

/// <summary>An import in a list: its progress without the failed lines (GET the import for those).</summary>
/// <param name="Id">The import's id.</param>
/// <param name="Status">queued, running or completed.</param>
/// <param name="SizeBytes">The size of the uploaded file.</param>
/// <param name="LinesRead">Lines handled so far.</param>
/// <param name="Applied">Lines applied.</param>
/// <param name="Failed">Lines that could not be applied.</param>
/// <param name="CreatedAt">When the file was received.</param>
/// <param name="CompletedAt">When the last line was handled.</param>
public sealed record ImportSummaryDto(
    Guid Id,
    ImportStatus Status,
    long SizeBytes,
    long LinesRead,
    long Applied,
    long Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
