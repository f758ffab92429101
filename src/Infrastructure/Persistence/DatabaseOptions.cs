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

    /// <summary>
    /// How much of the SQLite file each connection reads through memory mapping (<c>PRAGMA mmap_size</c>) instead of copying
    /// pages with a system call; 0 turns it off. The default is the most the bundled SQLite maps (about 2 GiB, its
    /// <c>SQLITE_MAX_MMAP_SIZE</c>); a larger value is cut to that. The mapped pages are the operating system's file
    /// cache, shared by all the connections, not memory of the API's own.
    /// </summary>
    public long SqliteMmapBytes { get; set; } = SqliteMaxMmapBytes;

    /// <summary>
    /// Whether PostgreSQL sessions plan each prepared statement once for all values (<c>plan_cache_mode=force_generic_plan</c>,
    /// added to the connection's session options unless they set <c>plan_cache_mode</c>; decision 25). Off behind a pooler
    /// that refuses session options at connection time.
    /// </summary>
    public bool PostgresGenericPlans { get; set; } = true;

    /// <summary>The bundled SQLite's <c>SQLITE_MAX_MMAP_SIZE</c> (its default, 0x7fff0000).</summary>
    public const long SqliteMaxMmapBytes = 0x7fff0000;

    /// <inheritdoc />
    public string? Problem() =>
        SqliteIdleConnections is < 0 or > 1024 ? "Database:SqliteIdleConnections must be between 0 and 1024."
        : SqliteMmapBytes < 0 ? "Database:SqliteMmapBytes must be 0 (off) or more."
        : null;
}

public static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
