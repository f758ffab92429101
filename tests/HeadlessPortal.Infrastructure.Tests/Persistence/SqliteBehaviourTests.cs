using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class SqliteBehaviourTests : MigratedSqliteTests
{
    [Fact]
    public async Task Connection_WhenOpenedByTheApplication_UsesWalFullSyncForeignKeysAndBusyTimeout()
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
        Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
        Assert.Equal(new DatabaseOptions().SqliteBusyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture), await PragmaAsync(connection, "busy_timeout"));

        // The file is read through memory mapping, as far as the bundled SQLite maps.
        Assert.Equal(DatabaseOptions.SqliteMaxMmapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), await PragmaAsync(connection, "mmap_size"));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1048576", "1048576")]
    [InlineData("68719476736", "2147418112")]
    public async Task Connection_MapsAsMuchOfTheFileAsConfigured_UpToWhatTheBundledSqliteMaps(string configured, string applied)
    {
        await using var provider = InfrastructureHost.Build(Sqlite, new Dictionary<string, string?> { ["Database:SqliteMmapBytes"] = configured });
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();

        Assert.Equal(applied, await PragmaAsync(db.Database.GetDbConnection(), "mmap_size"));
    }

    [Fact]
    public async Task Options_WithANegativeMmapSize_AreRefusedNamingTheSetting()
    {
        await using var provider = InfrastructureHost.Build(Sqlite, new Dictionary<string, string?> { ["Database:SqliteMmapBytes"] = "-1" });

        var refusal = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value);
        Assert.Contains("Database:SqliteMmapBytes", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitOfWork_WhenTransactionOpens_TakesTheWriteLockBeforeAnyWrite()
    {
        await using var scope = Provider.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var lockHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var holder = unitOfWork.ExecuteAsync(
            async _ =>
            {
                lockHeld.SetResult();
                await release.Task;
                return 0;
            },
            _ => true,
            CancellationToken.None);
        await lockHeld.Task;

        // The holder has written nothing, yet another writer cannot start: BEGIN IMMEDIATE took the lock.
        // Microsoft.Data.Sqlite retries a busy statement until the command timeout: keep it short here.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(Sqlite.ConnectionString) { DefaultTimeout = 1 }.ToString());
        await other.OpenAsync();
        await ExecuteAsync(other, "PRAGMA busy_timeout=0");
        var busy = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(other, "BEGIN IMMEDIATE"));
        Assert.Equal(5, busy.SqliteErrorCode);

        release.SetResult();
        await holder;
        await ExecuteAsync(other, "BEGIN IMMEDIATE; COMMIT;");
    }

    [Fact]
    public async Task UnitOfWork_WhenManyWritersRunAtOnce_QueuesThemAndLosesNone()
    {
        const int writers = 24;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            await using var scope = Provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(
                async ct =>
                {
                    // Read, then write: the pattern that deadlocks with deferred transactions.
                    var count = await db.Tenants.CountAsync(ct);
                    db.Tenants.Add(Tenant.Create($"Writer {i}", $"writer-{i}", HostName.FromTrusted($"writer-{i}"), null, DateTimeOffset.UtcNow));
                    await db.SaveChangesAsync(ct);
                    return count;
                },
                _ => true,
                CancellationToken.None);
        }));

        await using var check = Provider.CreateAsyncScope();
        Assert.Equal(writers, await check.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.CountAsync());
    }

    [Fact]
    public async Task UnitOfWork_WhenResultSaysDoNotCommit_RollsBack()
    {
        await using (var scope = Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(
                async ct =>
                {
                    db.Tenants.Add(Tenant.Create("Rolled back", "rolled-back", HostName.FromTrusted("rolled-back"), null, DateTimeOffset.UtcNow));
                    await db.SaveChangesAsync(ct);
                    return false;
                },
                commit => commit,
                CancellationToken.None);
        }

        await using var check = Provider.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AnyAsync());
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
