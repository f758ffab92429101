using Mediator;
using System.Diagnostics;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Imports;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Application.Imports.ApplyImportBatch;

/// <summary>A line read from an import's file.</summary>
/// <param name="Number">The 1-based line number.</param>
/// <param name="Json">The line's UTF-8 bytes, without the line break.</param>
/// <param name="TooLong">The line exceeded <see cref="MaxBytes"/> and was skipped unread.</param>
public sealed record ImportLine(long Number, ReadOnlyMemory<byte> Json, bool TooLong = false)
{
    /// <summary>The longest line read; a longer one fails alone as malformed.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;
}

/// <summary>
/// A batch's lines parsed and validated: the part of applying them that needs no database. The import worker prepares
/// the next batch on another thread while the current one is applied and saved. Only the documents and their types are
/// carried over: the batch is applied by the resources of its own scope.
/// </summary>
public sealed class PreparedImportLines
{
    private PreparedImportLines(List<ParsedLine> lines, TimeSpan elapsed) => (Lines, Elapsed) = (lines, elapsed);

    /// <summary>The lines that are not blank, in file order.</summary>
    internal List<ParsedLine> Lines { get; }

    /// <summary>How long parsing and validating took.</summary>
    public TimeSpan Elapsed { get; }

    public int Count => Lines.Count;

    public static PreparedImportLines Prepare(IReadOnlyList<ImportLine> lines, SyncResourceRegistry registry)
    {
        var started = Stopwatch.GetTimestamp();
        var parsed = lines.Where(l => !ImportLineParser.IsBlank(l)).Select(l => ImportLineParser.Parse(l, registry)).ToList();
        return new PreparedImportLines(parsed, Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>What a committed batch did.</summary>
public sealed record ImportBatchOutcome(long Applied, long Failed, bool Completed);

/// <summary>
/// Applies one batch of an import's prepared lines in one transaction, together with the import's progress (up to
/// <paramref name="LastLine"/>, ending at byte <paramref name="EndOffset"/>) and the worker's renewed lease.
/// A bad line fails alone. Fails with import_lease_lost, committing nothing, when <paramref name="Worker"/>
/// no longer holds the import.
/// </summary>
public sealed record ApplyImportBatchCommand(
    Guid ImportId, string Worker, PreparedImportLines Lines, long LastLine, long EndOffset, bool EndOfFile, TimeSpan Lease)
    : ITransactionalCommand<Result<ImportBatchOutcome>>;

internal sealed partial class ApplyImportBatchHandler(IAppDbContext db, IClock clock, SyncResourceRegistry registry, ILogger<ApplyImportBatchHandler> logger)
    : ICommandHandler<ApplyImportBatchCommand, Result<ImportBatchOutcome>>
{
    private const string UnknownReference = "unknown_reference";

    private static readonly Error LeaseLost =
        Error.Conflict("import_lease_lost", "Another worker took the import over; this batch was not committed.");

    public async ValueTask<Result<ImportBatchOutcome>> Handle(ApplyImportBatchCommand request, CancellationToken cancellationToken)
    {
        var job = await db.Imports.SingleOrDefaultAsync(j => j.Id == request.ImportId, cancellationToken);
        if (job is null || !job.IsHeldBy(request.Worker))
        {
            return LeaseLost;
        }

        var now = clock.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        // The lines were parsed in another scope; they are applied by this scope's resources, whose services (the audit
        // log, the context) belong to this batch's transaction and actor.
        var lines = request.Lines.Lines.Select(l => l.Resource is null ? l : l with { Resource = registry.ByImportType(l.Resource.ImportType) }).ToList();
        var context = new SyncContext(db, job.TenantId, now) { RaiseEvents = false, NewRecords = [] };
        var errors = await ApplyGroupedAsync(context, lines, cancellationToken);
        var applied = stopwatch.Elapsed;
        var outcome = Record(job, request, lines, errors, now);
        try
        {
            await db.SaveNewRecordsInBulkAsync(context.NewRecords, cancellationToken);
            LogBatchTimings(request.LastLine, lines.Count, request.Lines.Elapsed.TotalMilliseconds, applied.TotalMilliseconds, (stopwatch.Elapsed - applied).TotalMilliseconds);
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            return LeaseLost;
        }
        catch (Exception ex) when (ex is UniqueConstraintViolationException or DbUpdateException)
        {
            // A record was created concurrently (or the database refused a line the checks let through): EF rolled the
            // batch back to its savepoint, so apply the lines one by one and fail only the guilty ones.
            db.ClearTracked();
        }

        errors = await ApplyOneByOneAsync(job.TenantId, lines, now, cancellationToken);
        job = await db.Imports.SingleOrDefaultAsync(j => j.Id == request.ImportId, cancellationToken);
        if (job is null || !job.IsHeldBy(request.Worker))
        {
            return LeaseLost;
        }

        outcome = Record(job, request, lines, errors, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            return LeaseLost;
        }
    }

    private static ImportBatchOutcome Record(ImportJob job, ApplyImportBatchCommand request, List<ParsedLine> lines, Dictionary<long, ImportLineError> errors, DateTimeOffset now)
    {
        var failed = errors.Values.OrderBy(e => e.Line).ToList();
        var applied = lines.Count - failed.Count;
        job.RecordBatch(request.LastLine, request.EndOffset, applied, failed, request.EndOfFile, now, now + request.Lease);
        return new ImportBatchOutcome(applied, failed.Count, request.EndOfFile);
    }

    /// <summary>
    /// Applies the lines resource by resource, so each resource looks its existing records up once per batch. A line that
    /// names a record created by a later line of the batch fails with unknown_reference at first, so such lines are
    /// tried again while another pass still applies something.
    /// </summary>
    private static async Task<Dictionary<long, ImportLineError>> ApplyGroupedAsync(SyncContext context, List<ParsedLine> lines, CancellationToken ct)
    {
        var errors = lines.Where(l => l.Error is not null).ToDictionary(l => l.Number, l => l.Error!);

        // Retrying a line is only safe when no later line of the batch sets the same record: the older line would win.
        var lastLineOfRecord = lines.Where(l => l.Item is not null)
            .GroupBy(l => (l.Resource!.ImportType, l.Item!.ExternalId))
            .ToDictionary(g => g.Key, g => g.Max(l => l.Number));

        var pending = lines.Where(l => l.Item is not null).ToList();
        while (pending.Count > 0)
        {
            var retry = new List<ParsedLine>();
            var progressed = false;
            // Parents first: a batch cut from a parent-first file often starts with the children of records in the
            // previous batch, and applying them before their parents would fail and retry most of them.
            foreach (var group in pending.GroupBy(l => l.Resource!).OrderBy(g => g.Key.ApplyStage))
            {
                var groupLines = group.ToList();
                await group.Key.PreloadAsync(context, groupLines.Select(l => l.Item!.Document), ct);
                var outcomes = await group.Key.UpsertManyAsync(context, groupLines.Select(l => l.Item!).ToList(), ct);
                for (var i = 0; i < groupLines.Count; i++)
                {
                    var line = groupLines[i];
                    if (outcomes[i] is not { } error)
                    {
                        errors.Remove(line.Number);
                        progressed = true;
                        continue;
                    }

                    errors[line.Number] = ToLineError(line.Number, error);
                    if (error.Code == UnknownReference && lastLineOfRecord[(group.Key.ImportType, line.Item!.ExternalId)] == line.Number)
                    {
                        retry.Add(line);
                    }
                }
            }

            pending = progressed ? retry : [];
        }

        return errors;
    }

    private async Task<Dictionary<long, ImportLineError>> ApplyOneByOneAsync(TenantId tenantId, List<ParsedLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        var errors = lines.Where(l => l.Error is not null).ToDictionary(l => l.Number, l => l.Error!);
        var context = new SyncContext(db, tenantId, now) { RaiseEvents = false };
        foreach (var line in lines.Where(l => l.Item is not null))
        {
            await line.Resource!.PreloadAsync(context, [line.Item!.Document], ct);
            if ((await line.Resource.UpsertManyAsync(context, [line.Item], ct))[0] is { } error)
            {
                errors[line.Number] = ToLineError(line.Number, error);
                continue;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex is UniqueConstraintViolationException or (DbUpdateException and not DbUpdateConcurrencyException))
            {
                errors[line.Number] = new ImportLineError(line.Number, "conflict", "The database refused the record; it may have been changed at the same time. Send the line again.");

                // The context may remember records of this line that were rolled back.
                context = new SyncContext(db, tenantId, now) { RaiseEvents = false };
            }

            db.ClearTracked();
        }

        return errors;
    }

    private static ImportLineError ToLineError(long line, Error error) => new(line, error.Code, error.Message);

    // Where a batch's time goes, for throughput work (docs/PERFORMANCE.md); the commit that follows is not included. Parsing
    // (with validation) ran ahead, while the previous batch was applied.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Import batch up to line {LastLine}: {Lines} lines, parse {ParseMs:F1} ms, apply {ApplyMs:F1} ms, save {SaveMs:F1} ms (parsed ahead of the batch)")]
    private partial void LogBatchTimings(long lastLine, int lines, double parseMs, double applyMs, double saveMs);
}
