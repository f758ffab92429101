using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace HeadlessPortal.TestSupport;

/// <summary>The database engines the suite runs against.</summary>
public enum TestDb
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A PostgreSQL server for tests, named by the environment variable PORTAL_TEST_POSTGRES (a connection
/// string with rights to create databases; .ci/run starts one and sets it). Each test gets its own database.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "PORTAL_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } cs ? cs : null;

    public static string? SkipReason => ConnectionString is null
        ? $"PostgreSQL-backed test: no server configured (set {EnvironmentVariable}; .ci/run starts one)."
        : null;

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = ConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = "hp_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fresh, empty database on one engine, removed on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;

    private TestDatabase(TestDb engine, string connectionString, string? sqliteDirectory)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _sqliteDirectory = sqliteDirectory;
    }

    public TestDb Engine { get; }

    public string ConnectionString { get; }

    public string ProviderName => Engine == TestDb.Sqlite ? "sqlite" : "postgres";

    /// <summary>Configuration keys that point the application at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = ProviderName,
        ["ConnectionStrings:Portal"] = ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync(TestDb engine)
    {
        if (engine == TestDb.Postgres)
        {
            return new TestDatabase(engine, await PostgresServer.CreateDatabaseAsync(), null);
        }

        var directory = Directory.CreateTempSubdirectory("hp-test-").FullName;
        return new TestDatabase(engine, $"Data Source={Path.Combine(directory, "portal.db")}", directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine == TestDb.Postgres)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_sqliteDirectory!, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing host; the temp directory is cleaned by the OS.
        }
    }
}

/// <summary>Supplies <see cref="TestDb.Postgres"/> to a theory, skipped with the reason when no server is configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute() => Skip = PostgresServer.SkipReason;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestDb.Postgres]];
}

/// <summary>Supplies <see cref="TestDb.Sqlite"/> to a theory.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestDb.Sqlite]];
}
