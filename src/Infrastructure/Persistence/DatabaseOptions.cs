using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions : ISelfCheckingOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Portal";

    /// <summary>"sqlite" (default, embedded) or "postgres".</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Applies pending migrations when the API starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The SQLite file, relative to the content root unless absolute. Ignored when ConnectionStrings:Portal is set.</summary>
    public string SqlitePath { get; set; } = "data/portal.db";

    /// <summary>How long a SQLite writer waits for the write lock before giving up.</summary>
    public int SqliteBusyTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// How many open SQLite connections (each with its prepared statements) wait between requests. A connection used
    /// beyond that many at once is closed when its request ends; 0 keeps none.
    /// </summary>
    public int SqliteIdleConnections { get; set; } = 64;

    /// <inheritdoc />
    public string? Problem() =>
        SqliteIdleConnections is < 0 or > 1024 ? "Database:SqliteIdleConnections must be between 0 and 1024." : null;
}

public static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
