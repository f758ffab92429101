using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Puts every SQLite connection in the mode the portal relies on: WAL so readers never block the
/// writer, full fsync so a committed payment survives a power cut, foreign keys enforced, and a busy
/// timeout so a writer waits for the lock instead of failing. Write transactions begin with
/// BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so writers queue up front rather than
/// deadlocking when a read lock must be upgraded.
/// </summary>
internal sealed class SqliteConnectionSetup(int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string _pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeoutMs};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
