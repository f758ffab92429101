using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Open SQLite connections that keep their prepared statements between requests. Microsoft.Data.Sqlite prepares every
/// command anew (EF creates a command per query and the statements go with it), and closing a connection finalizes
/// them; preparing was a quarter of a portal page's time (docs/PERFORMANCE.md, "Many customers"). A connection here
/// stays open while it waits in the pool, and each SQL text runs on a statement prepared the first time it was seen on
/// that connection (docs/decisions/0018-sqlite-connections-keep-their-prepared-statements.md).
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, Action<SqliteConnection> setUp, int maxIdle) : IDisposable
{
    private readonly Stack<PooledSqliteConnection> _idle = new();
    private bool _disposed;

    // How many times the planner's statistics were gathered on this pool's database (DatabaseStatistics): SQLite loads
    // them when a connection opens, and a kept statement keeps its plan, so each connection compares with what it loaded.
    private int _statisticsGathered;

    internal int StatisticsGeneration => Volatile.Read(ref _statisticsGathered);

    /// <summary>New statistics were gathered on the pool's database: each of its connections loads them before its next use.</summary>
    public void StatisticsGathered() => Interlocked.Increment(ref _statisticsGathered);

    public PooledSqliteConnection Rent()
    {
        PooledSqliteConnection? idle;
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            idle = _idle.TryPop(out var kept) ? kept : null;
        }

        if (idle is not null)
        {
            idle.TakeNewStatistics();
            return idle;
        }

        var connection = new PooledSqliteConnection(connectionString, this);
        try
        {
            connection.Open();
            setUp(connection);

            // EF registers its SQLite functions (decimal arithmetic and comparison, regexp) on a connection it is given
            // in options; one a context is handed later with SetDbConnection gets none.
            using var registration = new DbContext(new DbContextOptionsBuilder().UseSqlite(connection).Options);
            _ = registration.Database.GetDbConnection();
            connection.KeepStatements();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Takes a connection back when it is idle: open, outside a transaction, no statement half-read (which would hold a
    /// read snapshot, and so the WAL, for as long as it waits). Any other connection is closed, as is one beyond the
    /// most the pool keeps.
    /// </summary>
    public void Return(PooledSqliteConnection connection)
    {
        if (connection.IsIdle())
        {
            lock (_idle)
            {
                if (!_disposed && _idle.Count < maxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }
}

/// <summary>A connection of the pool for one scope (one request, one job), handed back when the scope ends.</summary>
internal sealed class SqliteConnectionLease(SqliteConnectionPool pool) : IDisposable
{
    public PooledSqliteConnection Connection { get; } = pool.Rent();

    public void Dispose() => pool.Return(Connection);
}

/// <summary>
/// A connection of the pool: it keeps a prepared command per SQL text run on it (the <see cref="MaxStatements"/> most
/// recently used), for the commands it creates (<see cref="KeptStatementCommand"/>) to run the same SQL on again.
/// </summary>
internal sealed class PooledSqliteConnection(string connectionString, SqliteConnectionPool pool) : SqliteConnection(connectionString)
{
    // Several times the statements of the portal's pages, sign-in and payments; the least recently used goes first.
    internal const int MaxStatements = 128;

    private readonly Dictionary<string, LinkedListNode<Statement>> _statements = new(StringComparer.Ordinal);
    private readonly LinkedList<Statement> _recent = new();
    // The pool's statistics generation this connection has loaded.
    private int _statisticsLoaded = pool.StatisticsGeneration;

    internal int StatementCount => _statements.Count;

    // Set once the pool has set the connection up: what opening and setting up run (pragmas) is not kept.
    private bool _keepStatements;

    /// <summary>From now on the commands this connection creates run on its kept statements.</summary>
    public void KeepStatements() => _keepStatements = true;

    /// <summary>A command that runs on this connection's kept statement for its SQL (<see cref="KeptStatementCommand"/>).</summary>
    public override SqliteCommand CreateCommand() => _keepStatements
        ? new KeptStatementCommand { Connection = this, CommandTimeout = DefaultTimeout, Transaction = Transaction }
        : base.CreateCommand();

    public override void Open()
    {
        base.Open();

        // Lets IsIdle walk the connection's statements; set before any is prepared, as SQLitePCL requires.
        Handle!.enable_sqlite3_next_stmt(true);
    }

    /// <summary>
    /// Open, in autocommit mode, and none of its statements stepped and not reset: a reader left open keeps a read
    /// snapshot, and with it the WAL, for as long as the connection waits in the pool.
    /// </summary>
    public bool IsIdle()
    {
        if (State != ConnectionState.Open || Handle is not { } db || raw.sqlite3_get_autocommit(db) == 0)
        {
            return false;
        }

        for (var stmt = raw.sqlite3_next_stmt(db, null); stmt is not null; stmt = raw.sqlite3_next_stmt(db, stmt))
        {
            if (raw.sqlite3_stmt_busy(stmt) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>New statistics were gathered (ANALYZE) on this connection: every connection of its pool loads them before its next use.</summary>
    public void StatisticsGathered() => pool.StatisticsGathered();

    /// <summary>
    /// After new statistics: loads them (<c>ANALYZE sqlite_schema</c>, as SQLite documents) and drops the kept statements,
    /// so the next runs are planned with them.
    /// </summary>
    public void TakeNewStatistics()
    {
        var gathered = pool.StatisticsGeneration;
        if (gathered == _statisticsLoaded)
        {
            return;
        }

        foreach (var statement in _recent)
        {
            statement.Command.Dispose();
        }

        _statements.Clear();
        _recent.Clear();
        // A plain command: the reload is not one of the statements to keep.
        using var reload = new SqliteCommand("ANALYZE sqlite_schema", this);
        reload.ExecuteNonQuery();
        _statisticsLoaded = gathered;
    }

    /// <summary>
    /// The connection's prepared command for this command's SQL, given its parameters, transaction and timeout; null
    /// when that command's last reader is still open (the caller then runs its own). <see cref="Release"/> it after.
    /// </summary>
    public SqliteCommand? Take(SqliteCommand command)
    {
        var statement = Find(command.CommandText);
        if (statement is null)
        {
            return null;
        }

        var prepared = statement.Command;
        prepared.Transaction = command.Transaction;
        prepared.CommandTimeout = command.CommandTimeout;

        // The previous run's parameters stay until now: a SQL text of several statements binds each one as its reader
        // moves on to it, after the run has returned the reader.
        prepared.Parameters.Clear();
        foreach (SqliteParameter parameter in command.Parameters)
        {
            prepared.Parameters.Add(parameter);
        }

        return prepared;
    }

    /// <summary>After a run: the reader it returned, if any, which keeps the statement from other runs while it is open.</summary>
    public void Release(SqliteCommand prepared, SqliteDataReader? reader)
    {
        if (_statements.TryGetValue(prepared.CommandText, out var node) && node.Value.Command == prepared)
        {
            node.Value.Reader = reader;
        }
    }

    private Statement? Find(string sql)
    {
        if (_statements.TryGetValue(sql, out var node))
        {
            if (node.Value.Reader is { IsClosed: false })
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }

        if (_statements.Count >= MaxStatements)
        {
            var last = _recent.Last!;
            if (last.Value.Reader is { IsClosed: false })
            {
                return null;
            }

            _recent.RemoveLast();
            _statements.Remove(last.Value.Command.CommandText);
            last.Value.Command.Dispose();
        }

        var statement = new Statement(new SqliteCommand(sql, this));
        _statements[sql] = _recent.AddFirst(statement);
        return statement;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _statements.Clear();
            _recent.Clear();
        }

        base.Dispose(disposing);
    }

    private sealed class Statement(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public SqliteDataReader? Reader { get; set; }
    }
}

/// <summary>
/// The command a pooled connection creates, for EF and for our own code alike: it runs on the statement its connection
/// keeps for the same SQL. EF still creates, logs and traces this command (diagnostics see a <see cref="SqliteCommand"/>
/// with its SQL and parameters); only the execution moves to the kept one. Reading, non-query and scalar runs, and their
/// asynchronous forms, all go through <see cref="ExecuteReader(CommandBehavior)"/> in Microsoft.Data.Sqlite.
/// </summary>
/// <remarks>
/// An EF command interceptor did this before; with one registered, EF builds the event data of every command's
/// interception points whether or not anything reads them (docs/PERFORMANCE.md, "Many customers", round six).
/// </remarks>
internal sealed class KeptStatementCommand : SqliteCommand
{
    // Declared again here, unchanged: OpenTelemetry's EF instrumentation reads a command's properties by name, first
    // among those its type declares, then over the whole hierarchy, where Connection is ambiguous (SqliteCommand hides
    // DbCommand's) and the lookup throws. Without it the spans of SQLite's commands lose their database and SQL text.
    public override SqliteConnection? Connection
    {
        get => base.Connection;
        set => base.Connection = value;
    }

    // The reader of the kept statement this command returned: it is this command's, as a plain command's own would be.
    private SqliteDataReader? _reader;

    /// <summary>Nothing to do: the statement this command runs on is prepared once, by its connection.</summary>
    public override void Prepare()
    {
    }

    public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
    {
        if (_reader is { IsClosed: false })
        {
            throw new InvalidOperationException("This command's reader is still open; dispose it before running the command again.");
        }

        if (Connection is not PooledSqliteConnection connection || connection.Take(this) is not { } prepared)
        {
            return base.ExecuteReader(behavior);
        }

        SqliteDataReader? reader = null;
        try
        {
            reader = prepared.ExecuteReader(behavior);
            return _reader = reader;
        }
        finally
        {
            connection.Release(prepared, reader);
        }
    }

    /// <summary>Disposing the command closes its reader, as it does a plain command's, so no kept statement stays busy.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _reader is { IsClosed: false })
        {
            _reader.Dispose();
        }

        _reader = null;
        base.Dispose(disposing);
    }
}
