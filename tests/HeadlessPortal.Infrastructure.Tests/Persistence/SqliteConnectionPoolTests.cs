using System.Data.Common;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// The API's SQLite connections stay open between scopes and keep their prepared statements
/// (docs/decisions/0018-sqlite-connections-keep-their-prepared-statements.md): same answers, nothing held while idle.
/// </summary>
public sealed class SqliteConnectionPoolTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await (await InfrastructureHost.BuildMigratedAsync(_database)).DisposeAsync();
        await using (var other = await OpenOtherAsync())
        {
            await ExecuteAsync(other, "CREATE TABLE pool_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL); " +
                "INSERT INTO pool_probe VALUES (1, 'one'), (2, 'two'), (3, 'three');");
        }

        // A pool whose connections have run nothing yet (the migrations ran on the first one's).
        _provider = InfrastructureHost.Build(_database);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheNextScope_RunsTheSameSqlOnTheStatementPreparedBefore_WithItsOwnParameters()
    {
        PooledSqliteConnection first;
        long afterFirstRun;
        await using (var scope = _provider.CreateAsyncScope())
        {
            first = Connection(scope);
            var before = StatementMemory(first);
            Assert.Equal("one", await NameAsync(scope, 1));
            afterFirstRun = StatementMemory(first);
            Assert.True(afterFirstRun > before, "the statement is kept after EF's command is gone");
            Assert.Equal(1, first.StatementCount);
            Assert.Equal([1], RunsOfStatements(first, "FROM pool_probe WHERE id ="));
        }

        await using (var scope = _provider.CreateAsyncScope())
        {
            Assert.Same(first, Connection(scope));
            Assert.Equal("two", await NameAsync(scope, 2));
            Assert.Equal(afterFirstRun, StatementMemory(first));
            Assert.Equal(1, first.StatementCount);
            Assert.Equal([2], RunsOfStatements(first, "FROM pool_probe WHERE id =")); // one statement, run twice

            Assert.Equal(3, await Db(scope).Database.SqlQuery<int>($"SELECT count(*) AS Value FROM pool_probe").SingleAsync());
            Assert.Equal(2, first.StatementCount);
        }
    }

    [Fact]
    public async Task CommandsCreatedOnAPooledConnection_ReadingOrWriting_RunOnItsKeptStatementForTheirSql()
    {
        // Not only EF's: any command the connection creates, run as a scalar or a non-query (and as a reader, below).
        await using var scope = _provider.CreateAsyncScope();
        var connection = Connection(scope);
        foreach (var (id, name) in new[] { (1, "one"), (2, "two") })
        {
            await using var read = Command(connection, "SELECT name FROM pool_probe WHERE id = $id", ("$id", id));
            Assert.Equal(name, await read.ExecuteScalarAsync());

            await using var write = Command(connection, "UPDATE pool_probe SET name = name || '!' WHERE id = $id", ("$id", id));
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
        }

        Assert.Equal([2], RunsOfStatements(connection, "SELECT name FROM pool_probe WHERE id = $id"));
        Assert.Equal([2], RunsOfStatements(connection, "UPDATE pool_probe SET name"));
        Assert.Equal(2, connection.StatementCount);
        Assert.Equal(["one!", "two!", "three"], await Db(scope).Database.SqlQuery<string>($"SELECT name AS Value FROM pool_probe ORDER BY id").ToListAsync());
    }

    [Fact]
    public async Task ACommandOfAPooledConnection_ReadsLikeAPlainOne_AndDisposingItClosesItsReader()
    {
        await using var scope = _provider.CreateAsyncScope();
        var connection = Connection(scope);
        var command = Command(connection, "SELECT name FROM pool_probe WHERE id >= $id ORDER BY id", ("$id", 2));

        var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("two", reader.GetString(0));
        Assert.Equal([1], RunsOfStatements(connection, "FROM pool_probe WHERE id >= $id"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => command.ExecuteReaderAsync());

        await command.DisposeAsync(); // before its reader
        Assert.True(reader.IsClosed);
        Assert.True(connection.IsIdle(), "no statement of the connection is left stepped");
    }

    [Fact]
    public async Task SqlOfSeveralStatements_OnAKeptStatement_BindsTheParametersOfEachOfThem()
    {
        await using var scope = _provider.CreateAsyncScope();
        var connection = Connection(scope);
        foreach (var (id, name) in new[] { (1, "first"), (2, "second") })
        {
            // The UPDATE is bound when the reader moves on to it, after the run has returned.
            await using var command = Command(
                connection, "SELECT name FROM pool_probe WHERE id = $id; UPDATE pool_probe SET name = $name WHERE id = $id", ("$id", id), ("$name", name));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(1, connection.StatementCount);
        Assert.Equal(["first", "second", "three"], await Db(scope).Database.SqlQuery<string>($"SELECT name AS Value FROM pool_probe ORDER BY id").ToListAsync());
    }

    [Fact]
    public async Task AKeptStatement_RunAgainWithOtherValues_IsNotPlannedAgain()
    {
        // A LIMIT's parameter is one SQLite looks at while planning: without the stability guarantee, binding it again
        // makes the next run parse and plan the statement anew (SQLITE_STMTSTATUS_REPREPARE counts those).
        for (var take = 1; take <= 3; take++)
        {
            await using var scope = _provider.CreateAsyncScope();
            var names = await Db(scope).Database.SqlQuery<string>($"SELECT name AS Value FROM pool_probe ORDER BY id LIMIT {take}").ToListAsync();
            Assert.Equal(take, names.Count);
        }

        await using (var scope = _provider.CreateAsyncScope())
        {
            var connection = Connection(scope);
            Assert.Equal([3], StatusOfStatements(connection, "FROM pool_probe ORDER BY id LIMIT", StatementRuns));
            Assert.Equal([0], StatusOfStatements(connection, "FROM pool_probe ORDER BY id LIMIT", StatementReprepares));
        }
    }

    [Fact]
    public async Task EachScope_WorksOnAnOpenConnectionOfThePool_WhichTheNextScopeGetsBack()
    {
        PooledSqliteConnection first;
        await using (var scope = _provider.CreateAsyncScope())
        {
            first = Connection(scope);
            Assert.Equal("one", await NameAsync(scope, 1));
        }

        Assert.Equal(System.Data.ConnectionState.Open, first.State);
        await using (var scope = _provider.CreateAsyncScope())
        {
            Assert.Same(first, Connection(scope));
            await using var concurrent = _provider.CreateAsyncScope();
            Assert.NotSame(first, Connection(concurrent));
        }

        await _provider.DisposeAsync();
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
    }

    [Fact]
    public async Task TheSameSql_WhileItsFirstReaderIsStillOpen_RunsOnAStatementOfItsOwn()
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = Db(scope);
        var pairs = new List<string>();
        await foreach (var outer in db.Database.SqlQuery<string>($"SELECT name AS Value FROM pool_probe WHERE id >= {2} ORDER BY id").AsAsyncEnumerable())
        {
            var inner = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pool_probe WHERE id >= {3} ORDER BY id").ToListAsync();
            pairs.Add(outer + ":" + string.Join(",", inner));
        }

        Assert.Equal(["two:three", "three:three"], pairs);
    }

    [Fact]
    public async Task AConnectionGivenBackInsideATransaction_IsClosed_AndItsLockReleased()
    {
        DbConnection connection;
        await using (var scope = _provider.CreateAsyncScope())
        {
            connection = Connection(scope);
            var transaction = await connection.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO pool_probe VALUES (4, 'four')";
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        await using var other = await OpenOtherAsync();
        await ExecuteAsync(other, "PRAGMA busy_timeout=0; BEGIN IMMEDIATE; COMMIT;");
        await using var count = other.CreateCommand();
        count.CommandText = "SELECT count(*) FROM pool_probe";
        Assert.Equal(3L, await count.ExecuteScalarAsync());

        await using var next = _provider.CreateAsyncScope();
        Assert.NotSame(connection, Connection(next));
    }

    [Fact]
    public async Task AConnectionGivenBackWithAReaderOpen_IsClosed_SoNoSnapshotOutlivesTheScope()
    {
        DbConnection connection;
        await using (var scope = _provider.CreateAsyncScope())
        {
            connection = Connection(scope);
            var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM pool_probe";
            var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync()); // left open: the scope's code forgot it
        }

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task IdleConnections_HoldNoReadSnapshot_SoACheckpointEmptiesTheWal()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var scope = _provider.CreateAsyncScope();
            Assert.Equal("two", await NameAsync(scope, 2));
            await Task.Yield();
        }));
        await using var other = await OpenOtherAsync();
        await ExecuteAsync(other, "INSERT INTO pool_probe VALUES (5, 'five')");

        await using var checkpoint = other.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var result = await checkpoint.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        Assert.Equal(0L, result.GetInt64(0)); // not blocked by a reader
        Assert.Equal(0L, result.GetInt64(1)); // the WAL is empty
    }

    [Fact]
    public async Task AfterTheSchemaChanges_TheKeptStatementReadsTheNewSchema()
    {
        await using var scope = _provider.CreateAsyncScope();
        Assert.Equal("one", await NameAsync(scope, 1));

        await using var other = await OpenOtherAsync();
        await ExecuteAsync(other, "ALTER TABLE pool_probe RENAME COLUMN name TO title; ALTER TABLE pool_probe ADD COLUMN name TEXT; " +
            "UPDATE pool_probe SET name = 'renamed ' || title;");

        Assert.Equal("renamed one", await NameAsync(scope, 1));
        Assert.Equal(1, Connection(scope).StatementCount);
    }

    [Fact]
    public async Task AConnection_KeepsItsMostRecentlyUsedStatements_NotEveryOneItEverRan()
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = Db(scope);
        for (var i = 0; i < PooledSqliteConnection.MaxStatements + 20; i++)
        {
            // A distinct SQL text each time (a parameter would keep the text the same).
            var sql = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT {i} AS Value");
            Assert.Equal(i, await db.Database.SqlQueryRaw<int>(sql).SingleAsync());
        }

        Assert.Equal(PooledSqliteConnection.MaxStatements, Connection(scope).StatementCount);
        Assert.Equal(7, await db.Database.SqlQueryRaw<int>("SELECT 7 AS Value").SingleAsync()); // dropped, then prepared again
    }

    [Fact]
    public async Task NewStatistics_GatheredOnOneConnection_AreUsedByEveryKeptConnectionFromItsNextScope()
    {
        // The shape of DatabaseStatistics' example: without statistics SQLite walks the (t, id) index, already in order.
        await using (var other = await OpenOtherAsync())
        {
            await ExecuteAsync(other, "CREATE TABLE stats_probe (t INTEGER NOT NULL, c INTEGER NOT NULL, id INTEGER PRIMARY KEY); " +
                "CREATE INDEX stats_probe_t_id ON stats_probe (t, id); CREATE INDEX stats_probe_t_c_id ON stats_probe (t, c, id); " +
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO stats_probe SELECT 1, i % 800, i FROM n;");
        }

        const string Plan = "EXPLAIN QUERY PLAN SELECT id FROM stats_probe WHERE t = 1 AND c IN (3, 4) ORDER BY id DESC LIMIT 26";
        var first = _provider.CreateAsyncScope();
        var second = _provider.CreateAsyncScope();
        var connections = new[] { Connection(first), Connection(second) };
        foreach (var connection in connections)
        {
            Assert.Contains("stats_probe_t_id ", await TextAsync(connection, Plan) + " ", StringComparison.Ordinal);
        }

        await first.DisposeAsync();
        await second.DisposeAsync();

        await using (var scope = _provider.CreateAsyncScope())
        {
            await DatabaseStatistics.RefreshAsync(Db(scope), CancellationToken.None);
        }

        await using var third = _provider.CreateAsyncScope();
        await using var fourth = _provider.CreateAsyncScope();
        Assert.Equal(connections.ToHashSet(), new[] { Connection(third), Connection(fourth) }.ToHashSet());
        foreach (var connection in connections)
        {
            Assert.Contains("stats_probe_t_c_id", await TextAsync(connection, Plan), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EfsOwnSqliteFunctions_WorkOnThePoolsConnections()
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var remainder = await db.Database.SqlQueryRaw<decimal>("SELECT ef_mod(7.5, 2) AS Value").SingleAsync();

        Assert.Equal(1.5m, remainder);
    }

    /// <summary>A command the connection creates, with its SQL and named parameters.</summary>
    private static SqliteCommand Command(PooledSqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static AppDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    private static PooledSqliteConnection Connection(AsyncServiceScope scope) =>
        Assert.IsType<PooledSqliteConnection>(Db(scope).Database.GetDbConnection());

    private static Task<string> NameAsync(AsyncServiceScope scope, int id) =>
        Db(scope).Database.SqlQuery<string>($"SELECT name AS Value FROM pool_probe WHERE id = {id}").SingleAsync();

    // SQLITE_STMTSTATUS_RUN: how many times a statement has run since it was prepared.
    private const int StatementRuns = 6;

    // SQLITE_STMTSTATUS_REPREPARE: how many times SQLite prepared a statement again on its own.
    private const int StatementReprepares = 5;

    /// <summary>How many times each statement alive on the connection whose SQL contains the text has run.</summary>
    private static List<int> RunsOfStatements(PooledSqliteConnection connection, string text) =>
        StatusOfStatements(connection, text, StatementRuns);

    /// <summary>A counter of <c>sqlite3_stmt_status</c> for each statement alive on the connection whose SQL contains the text.</summary>
    private static List<int> StatusOfStatements(PooledSqliteConnection connection, string text, int counter)
    {
        var runs = new List<int>();
        for (var stmt = raw.sqlite3_next_stmt(connection.Handle, null); stmt is not null; stmt = raw.sqlite3_next_stmt(connection.Handle, stmt))
        {
            if (raw.sqlite3_sql(stmt).utf8_to_string().Contains(text, StringComparison.Ordinal))
            {
                runs.Add(raw.sqlite3_stmt_status(stmt, counter, 0));
            }
        }

        return runs;
    }

    private static long StatementMemory(DbConnection connection)
    {
        var rc = raw.sqlite3_db_status(((SqliteConnection)connection).Handle, raw.SQLITE_DBSTATUS_STMT_USED, out var current, out _, 0);
        Assert.Equal(raw.SQLITE_OK, rc);
        return current;
    }

    private static async Task<string> TextAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var text = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            text.Append(reader.GetString(reader.FieldCount - 1)).Append('\n');
        }

        return text.ToString();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenOtherAsync()
    {
        var other = new SqliteConnection(new SqliteConnectionStringBuilder(_database.ConnectionString) { DefaultTimeout = 1 }.ToString());
        await other.OpenAsync();
        return other;
    }
}
