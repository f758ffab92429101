using HeadlessPortal.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Keeps the query planner's statistics current. A portal list asks for the newest rows of a few customers
/// (<c>WHERE TenantId = @t AND CustomerId IN (...) ORDER BY Id DESC LIMIT 26</c>); without statistics SQLite prefers the
/// (TenantId, Id) index, which returns rows already in that order, and reads the tenant's whole table to find the few
/// customers' rows. With them it knows a customer has a handful of rows and reads those through the (TenantId,
/// CustomerId, Id) index. SQLite gathers statistics only when asked (ANALYZE); PostgreSQL's autovacuum gathers them as
/// tables change, so there only an import asks for them at once. See docs/PERFORMANCE.md.
/// </summary>
internal static class DatabaseStatistics
{
    /// <summary>Rows SQLite samples per index: statistics good enough for the planner, in milliseconds on any table size.</summary>
    private const string SqliteLimit = "PRAGMA analysis_limit=1000;";

    /// <summary>Gathers statistics on every table now: after an import, which may have grown the tables a hundredfold.</summary>
    public static async Task RefreshAsync(DbContext db, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        await db.Database.ExecuteSqlRawAsync(sqlite ? SqliteLimit + " ANALYZE;" : "ANALYZE;", cancellationToken);
        // The API's other open connections load the new statistics before their next use.
        (db.Database.GetDbConnection() as PooledSqliteConnection)?.StatisticsGathered();
    }

    /// <summary>
    /// SQLite's own upkeep (<c>PRAGMA optimize</c>): analyzes the tables never analyzed or grown a lot since, and nothing
    /// otherwise, so it is cheap to run often. At start and as a maintenance task; PostgreSQL's autovacuum does this there.
    /// </summary>
    public static async Task OptimizeAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // 0x10002: consider every table of the database, not only those this connection has used.
            await db.Database.ExecuteSqlRawAsync(SqliteLimit + " PRAGMA optimize=0x10002;", cancellationToken);

            // The API's other open connections load the statistics this may have gathered before their next use.
            (db.Database.GetDbConnection() as PooledSqliteConnection)?.StatisticsGathered();
        }
    }
}

/// <summary>Runs <see cref="DatabaseStatistics.OptimizeAsync"/> on the maintenance schedule.</summary>
internal sealed class DatabaseStatisticsTask(AppDbContext db) : IMaintenanceTask
{
    public string Name => "database-statistics";

    public Task RunAsync(CancellationToken cancellationToken) => DatabaseStatistics.OptimizeAsync(db, cancellationToken);
}
