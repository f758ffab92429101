using System.Diagnostics;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Observability;
using HeadlessPortal.Application.Imports;
using Mediator;
using HeadlessPortal.Application.Imports.ApplyImportBatch;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Imports;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Maintenance;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Imports;

/// <summary>
/// Processes queued imports one at a time, batch by batch, each batch in its own scope and transaction as the
/// client that uploaded the file. Several processes may share the database: an import is claimed with a
/// conditional update and held by a lease renewed with every batch; an import whose holder stopped answering
/// goes back to the queue when its lease expires, and a stopping worker hands its import back at once.
/// </summary>
internal sealed partial class ImportWorker(
    IServiceScopeFactory scopes,
    ImportOptions options,
    IImportFiles files,
    ImportQueue queue,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ImportWorker> logger) : BackgroundService
{
    private const int CandidatesPerPoll = 20;

    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private TimeSpan Lease => TimeSpan.FromSeconds(options.LeaseSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrations run while the host starts; the tables exist once it has started.
        if (!options.WorkerEnabled || !await HostStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        while (true)
        {
            try
            {
                await RequeueAbandonedAsync(stoppingToken);
                while (await ClaimNextAsync(stoppingToken) is { } claim)
                {
                    await RunAsync(claim, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be unreachable for a while; try again at the next poll.
                LogPollFailed(ex);
            }

            try
            {
                await queue.WaitAsync(TimeSpan.FromSeconds(options.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Imports left running by a worker whose lease expired (it crashed or lost the database) go back to the queue.</summary>
    private async Task RequeueAbandonedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow();
        var requeued = await AllTenants(scope).Where(j => j.Status == ImportStatus.Running && j.LeaseUntil < now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, ImportStatus.Queued)
                    .SetProperty(j => j.ClaimedBy, (string?)null)
                    .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(j => j.Version, j => j.Version + 1),
                ct);
        if (requeued > 0)
        {
            LogRequeued(requeued);
        }
    }

    private async Task<Claim?> ClaimNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var candidates = await AllTenants(scope).Where(j => j.Status == ImportStatus.Queued)
            .OrderBy(j => j.Id).Select(j => j.Id).Take(CandidatesPerPoll).ToListAsync(ct);
        foreach (var id in candidates.Where(files.Exists))
        {
            // The condition makes the claim atomic: of several workers racing for the import, one updates the row.
            var now = time.GetUtcNow();
            var leaseUntil = now + Lease;
            var claimed = await AllTenants(scope).Where(j => j.Id == id && j.Status == ImportStatus.Queued)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(j => j.Status, ImportStatus.Running)
                        .SetProperty(j => j.ClaimedBy, _workerId)
                        .SetProperty(j => j.LeaseUntil, leaseUntil)
                        .SetProperty(j => j.Version, j => j.Version + 1),
                    ct);
            if (claimed == 1)
            {
                return await AllTenants(scope).Where(j => j.Id == id)
                    .Select(j => new Claim(j.Id, j.TenantId, j.CreatedBy, j.LinesRead, j.ByteOffset))
                    .SingleAsync(ct);
            }
        }

        return null;
    }

    private async Task RunAsync(Claim claim, CancellationToken ct)
    {
        LogStarted(claim.Id, claim.LinesRead);
        try
        {
            await using var file = files.OpenRead(claim.Id);
            file.Seek(claim.ByteOffset, SeekOrigin.Begin);
            var reader = new NdjsonLineReader(file, claim.ByteOffset);
            var batchSize = Math.Max(1, options.BatchSize);

            // Reading, parsing and validating need no database: the next batch is prepared on another thread while the
            // current one is applied and saved. Progress is still recorded batch by batch, as each one commits.
            Task<PreparedBatch>? next = Task.Run(() => ReadBatchAsync(reader, claim.LinesRead, batchSize, ct), ct);
            var statistics = new StatisticsSchedule(batchSize);
            try
            {
                while (next is not null)
                {
                    var waited = Stopwatch.GetTimestamp();
                    var batch = await next;
                    next = batch.EndOfFile ? null : Task.Run(() => ReadBatchAsync(reader, batch.LastLine, batchSize, ct), ct);
                    var started = Stopwatch.GetTimestamp();
                    var command = new ApplyImportBatchCommand(claim.Id, _workerId, batch.Lines, batch.LastLine, batch.EndOffset, batch.EndOfFile, Lease);
                    if (!await ApplyBatchAsync(claim, command, ct))
                    {
                        LogLeaseLost(claim.Id);
                        return;
                    }

                    LogBatchCommitted(batch.LastLine, Stopwatch.GetElapsedTime(waited, started).TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                    if (batch.EndOfFile)
                    {
                        files.Delete(claim.Id);
                        LogCompleted(claim.Id, batch.LastLine);
                        await RefreshStatisticsAsync(ct);
                        return;
                    }

                    if (statistics.IsDue(batch.LastLine - claim.LinesRead))
                    {
                        await RefreshStatisticsAsync(ct);
                    }
                }
            }
            finally
            {
                // A batch read ahead and not applied is dropped (the next worker reads it again), but not while it still
                // reads the file this method closes.
                if (next is not null)
                {
                    await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The uncommitted batch was rolled back; hand the import back so the next worker resumes after the last commit.
            await ReleaseAsync(claim.Id);
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="size"/> lines after line <paramref name="lastLine"/>, then parses and validates them.</summary>
    private async Task<PreparedBatch> ReadBatchAsync(NdjsonLineReader reader, long lastLine, int size, CancellationToken ct)
    {
        var lines = new List<ImportLine>(size);
        var endOfFile = false;
        while (lines.Count < size)
        {
            if (await reader.ReadLineAsync(ct) is not { } line)
            {
                endOfFile = true;
                break;
            }

            lines.Add(new ImportLine(++lastLine, line.Bytes, line.TooLong));
        }

        await using var scope = scopes.CreateAsyncScope();
        var prepared = PreparedImportLines.Prepare(lines, scope.ServiceProvider.GetRequiredService<SyncResourceRegistry>());
        return new PreparedBatch(prepared, lastLine, reader.Offset, endOfFile);
    }

    /// <summary>
    /// An import may grow the tables a hundredfold: the planner's statistics are gathered again as it goes and when it
    /// completes. Planned from the statistics of nearly empty tables, PostgreSQL looked the batches' external ids up with
    /// sequential scans, each batch slower than the last, until autovacuum caught up (docs/PERFORMANCE.md).
    /// </summary>
    private async Task RefreshStatisticsAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await DatabaseStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The import is complete either way; the maintenance task gathers the statistics later.
            LogStatisticsFailed(ex);
        }
    }

    private async Task<bool> ApplyBatchAsync(Claim claim, ApplyImportBatchCommand command, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(claim.TenantId);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(claim.CreatedBy);
        using var activity = Telemetry.Source.StartActivity("import batch");
        activity?.SetTag("import.id", claim.Id);
        activity?.SetTag("import.lines", command.Lines.Count);
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
        if (result.IsSuccess)
        {
            // Counted once committed: a batch whose lease was lost commits nothing.
            Telemetry.ImportRecords.Add(result.Value.Applied, new KeyValuePair<string, object?>("outcome", "applied"));
            Telemetry.ImportRecords.Add(result.Value.Failed, new KeyValuePair<string, object?>("outcome", "failed"));
        }

        return result.IsSuccess;
    }

    private async Task ReleaseAsync(Guid id)
    {
        await using var scope = scopes.CreateAsyncScope();
        await AllTenants(scope).Where(j => j.Id == id && j.Status == ImportStatus.Running && j.ClaimedBy == _workerId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, ImportStatus.Queued)
                    .SetProperty(j => j.ClaimedBy, (string?)null)
                    .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(j => j.Version, j => j.Version + 1),
                CancellationToken.None);
    }

    // The worker serves every tenant; each batch then runs in a scope confined to the import's tenant.
    private static IQueryable<ImportJob> AllTenants(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Imports.IgnoreQueryFilters([QueryFilters.Tenant]);

    private sealed record Claim(Guid Id, TenantId TenantId, string CreatedBy, long LinesRead, long ByteOffset);

    /// <summary>When an import has grown the tables enough to gather statistics again: each time the lines it committed double, from two batches on.</summary>
    internal sealed class StatisticsSchedule(int batchSize)
    {
        private long _next = 2L * batchSize;

        public bool IsDue(long linesCommitted)
        {
            if (linesCommitted < _next)
            {
                return false;
            }

            while (_next <= linesCommitted)
            {
                _next *= 2;
            }

            return true;
        }
    }

    private sealed record PreparedBatch(PreparedImportLines Lines, long LastLine, long EndOffset, bool EndOfFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: processing from line {Line}")]
    private partial void LogStarted(Guid importId, long line);

    // For throughput work (docs/PERFORMANCE.md): how long the worker waited for the batch to be read and parsed, and how long
    // the batch then took to apply and commit.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Import batch up to line {LastLine}: waited {WaitMs:F1} ms for its lines, committed after {BatchMs:F1} ms")]
    private partial void LogBatchCommitted(long lastLine, double waitMs, double batchMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: completed after {Lines} lines")]
    private partial void LogCompleted(Guid importId, long lines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gathering the planner's statistics after an import failed")]
    private partial void LogStatisticsFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: another worker took it over; stopped without committing the current batch")]
    private partial void LogLeaseLost(Guid importId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Requeued {Count} import(s) whose worker stopped renewing its lease")]
    private partial void LogRequeued(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The import worker failed; it tries again at its next poll")]
    private partial void LogPollFailed(Exception exception);
}
