using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Maintenance;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Caching;

/// <summary>
/// Reads the changes other processes committed to the shared database (<see cref="DataChangeRecord"/>) every
/// <see cref="CacheOptions.ChangePollMilliseconds"/> and moves those tenants' versions on, so a cache in this
/// process stops serving what another process changed within one poll interval.
/// </summary>
/// <remarks>
/// On PostgreSQL a change numbered lower can become visible after a higher one (its transaction committed later).
/// A number skipped over is therefore looked for again in the next polls, for <see cref="GapWait"/>; a transaction
/// that stays open longer than that is covered by the caches' lifetimes.
/// </remarks>
internal sealed partial class DataChangeFeed(
    IServiceScopeFactory scopes,
    TenantDataVersions versions,
    CacheOptions options,
    IClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<DataChangeFeed> logger)
    : BackgroundService
{
    public static readonly TimeSpan GapWait = TimeSpan.FromSeconds(10);
    private const int BatchSize = 5000;
    private const int MaxGaps = 1000;

    private readonly Dictionary<long, DateTimeOffset> _gaps = [];
    private long? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrations run while the host starts; the table exists once it has started.
        if (!await HostStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var interval = TimeSpan.FromMilliseconds(options.ChangePollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // What was missed cannot be known: nothing cached may be trusted.
                versions.ChangedEverything();
                LogPollFailed(ex);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One poll: the tenants other processes changed since the last one.</summary>
    internal async Task PollAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (_last is null)
        {
            // From here on every change is read; whatever was cached before (at start-up) is dropped.
            _last = await db.DataChanges.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
            versions.ChangedEverything();
            return;
        }

        var now = clock.UtcNow;
        foreach (var expired in _gaps.Where(g => now - g.Value > GapWait).Select(g => g.Key).ToList())
        {
            _gaps.Remove(expired);
        }

        var from = _gaps.Count > 0 ? Math.Min(_gaps.Keys.Min() - 1, _last.Value) : _last.Value;
        var rows = await db.DataChanges.AsNoTracking()
            .Where(c => c.Seq > from).OrderBy(c => c.Seq).Take(BatchSize)
            .Select(c => new { c.Seq, c.TenantId, c.Source }).ToListAsync(ct);
        if (rows.Count == BatchSize)
        {
            // Too far behind to say which tenants changed: start again from the newest.
            versions.ChangedEverything();
            _gaps.Clear();
            _last = await db.DataChanges.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
            return;
        }

        foreach (var row in rows)
        {
            if (row.Seq <= _last && !_gaps.Remove(row.Seq))
            {
                continue;
            }

            if (row.Seq > _last)
            {
                for (var missing = _last.Value + 1; missing < row.Seq && _gaps.Count < MaxGaps; missing++)
                {
                    _gaps[missing] = now;
                }

                _last = row.Seq;
            }

            if (row.Source != versions.Source)
            {
                versions.Changed(row.TenantId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the data change feed failed; every cached read is dropped")]
    private partial void LogPollFailed(Exception ex);
}

/// <summary>Deletes change records an hour old: every process has read them by then.</summary>
internal sealed class DataChangeCleanup(AppDbContext db, IClock clock) : IMaintenanceTask
{
    public string Name => "data-change-cleanup";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.UtcNow.AddHours(-1);
        await db.DataChanges.Where(c => c.RecordedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
