using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Maintenance;

/// <summary>Hangfire's job storage on the application's database engine.</summary>
internal static class JobStorageFactory
{
    /// <summary>Hangfire's tables on PostgreSQL live in this schema of the application's database.</summary>
    public const string PostgresSchema = "hangfire";

    /// <param name="provider">The application's <c>Database:Provider</c>.</param>
    /// <param name="connectionString">The application's connection string: PostgreSQL's, or the SQLite one with its file.</param>
    /// <param name="options">Poll interval.</param>
    public static JobStorage Create(string provider, string connectionString, BackgroundJobOptions options) =>
        provider == DatabaseProviders.Postgres
            ? CreatePostgres(connectionString, options)
            : new SQLiteStorage(SqlitePath(connectionString), new SQLiteStorageOptions { QueuePollInterval = options.PollInterval });

    /// <summary>A file of its own beside the application's (<c>portal.db</c> → <c>portal.hangfire.db</c>); in memory when that is.</summary>
    public static string SqlitePath(string sqliteConnectionString)
    {
        var csb = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory)
        {
            return ":memory:";
        }

        var directory = Path.GetDirectoryName(csb.DataSource) ?? string.Empty;
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(csb.DataSource) + ".hangfire.db");
    }

    private static PostgreSqlStorage CreatePostgres(string connectionString, BackgroundJobOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.PollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }
}

/// <summary>
/// Hangfire keeps its log provider in a static; with several hosts in one process (tests), it may be the logger factory
/// of a host already disposed. Loggers asked of a disposed factory become silent instead of throwing.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
