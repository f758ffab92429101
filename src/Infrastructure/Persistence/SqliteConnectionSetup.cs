using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Puts every SQLite connection in the mode the portal relies on: WAL so readers never block the
/// writer, full fsync so a committed payment survives a power cut, foreign keys enforced, a busy
/// timeout so a writer waits for the lock instead of failing, and the file read through memory mapping
/// (<see cref="DatabaseOptions.SqliteMmapBytes"/>). Write transactions begin with
/// BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so writers queue up front rather than
/// deadlocking when a read lock must be upgraded. The pragmas belong to the native connection, which the pool hands out
/// again and again: they are set the first time it is opened, not at every open. So is the query planner stability
/// guarantee (<see cref="PlanOnceForAllValues"/>).
/// </summary>
internal sealed class SqliteConnectionSetup(int busyTimeoutMs, long mmapBytes) : DbConnectionInterceptor
{
    private readonly string _pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA mmap_size={mmapBytes};");

    /// <summary>
    /// Turns off SQLite's memory statistics for the process, as SQLite's own recommended options do: with them on, every
    /// allocation inside SQLite takes one process-wide mutex, which the API's concurrent reads queue on (the invoice list
    /// as 2,000 users answered 1.2 times as many requests per second without it). SQLite takes it only before its first
    /// use in the process, so this runs while the services are registered; later it changes nothing (SQLITE_MISUSE),
    /// which is what happens in a test process that opened a database first. It is tried once per process
    /// (<c>sqlite3_config</c> must not run beside other SQLite calls, and a test process registers many hosts).
    /// </summary>
    public static bool TurnOffMemoryStatistics() => MemoryStatisticsOff.Value;

    private static readonly Lazy<bool> MemoryStatisticsOff = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
    });

    // Static: the pool's native connections outlive any one context and interceptor.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <summary>Sets the pragmas on a connection just opened, unless its native connection has them already.</summary>
    public void Apply(DbConnection connection)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        PlanOnceForAllValues(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    // Microsoft.Data.Sqlite runs its asynchronous commands synchronously: the same setup serves both hooks.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Turns on SQLite's query planner stability guarantee (QPSG): a statement's plan does not depend on the values bound
    /// to it. Without it, SQLite (3.53.4, pinned in Directory.Packages.props) plans a statement again at its next run
    /// whenever a parameter it looked at while planning is bound, even to the same value, and it looks at a
    /// <c>LIMIT</c>'s: every paged portal read (EF's <c>Take</c> is a parameter) was parsed and planned at every run,
    /// undoing the kept statements of <see cref="SqliteConnectionPool"/> (the invoice list answered 1.6 times as many
    /// requests with it; docs/PERFORMANCE.md, "Round five"). The portal's plans come from its indexes and the planner's
    /// statistics; the conditions of its partial indexes are written as constants in the queries, never as parameters.
    /// </summary>
    private static void PlanOnceForAllValues(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_db_config(handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _), handle);
        }
    }

    /// <summary>Whether this native connection is opened for the first time (a connection of another provider always is).</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Configured);
}
