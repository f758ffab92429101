using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// Hangfire's SQLite storage brings an older native SQLite (3.49.1) through sqlite-net; unless its package is excluded
/// (Infrastructure's csproj), that library silently replaces ours, for EF Core too.
/// </summary>
public sealed class SqliteVersionTests
{
    private static readonly Version Shipped = new(3, 53);

    [Fact]
    public async Task EfCore_RunsOnTheSqliteWeShip()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var provider = InfrastructureHost.Build(database);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var version = await db.Database.SqlQueryRaw<string>("select sqlite_version() as \"Value\"").SingleAsync();

        Assert.True(Version.Parse(version) >= Shipped, $"EF Core runs on SQLite {version}");
    }

    [Fact]
    public void HangfireStorage_RunsOnTheSameSqlite()
    {
        // sqlite-net reports 3053004 for 3.53.4.
        var number = SQLite.SQLite3.LibVersionNumber();

        Assert.True(number >= (Shipped.Major * 1_000_000) + (Shipped.Minor * 1_000), $"sqlite-net runs on SQLite {number}");
    }
}
