using HeadlessPortal.Application.Auth;
using HeadlessPortal.Infrastructure.Auth.TokenServer;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Tests.Payments;
using HeadlessPortal.Infrastructure.Tests.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Tests.Auth;

/// <summary>The token server's copies of clients, made and brought up to date as clients are looked up.</summary>
public sealed class ClientRegistryTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Sync_WhenManyRequestsFindTheCopyMissingAtOnce_WritesItOnce_AndLogsNoFailure(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var logs = new CapturedLogs();
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database, configure: s => s.AddLogging(l => l.AddProvider(logs)));

        // A burst of first sign-ins. (Migrating a new PostgreSQL database logs failures of its own, before this.)
        var logged = logs.Lines.Count;
        var rows = await BurstOfLookupsAsync(provider);

        var id = Assert.Single(rows.Select(r => r!.Id).Distinct());
        await using (var scope = provider.CreateAsyncScope())
        {
            var copies = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<TokenServerApplication>().AsNoTracking()
                .Where(a => a.ClientId == FirstPartyClient.Id).ToListAsync();
            Assert.Equal(id, Assert.Single(copies).Id);
        }

        Assert.DoesNotContain(logs.Lines.Skip(logged), IsFailure);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Sync_WhenManyRequestsFindTheCopyOutOfDateAtOnce_BringsItUpToDateOnce(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var logs = new CapturedLogs();
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database, configure: s => s.AddLogging(l => l.AddProvider(logs)));
        await using (var scope = provider.CreateAsyncScope())
        {
            await LookUpAsync(scope);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<TokenServerApplication>()
                .Where(a => a.ClientId == FirstPartyClient.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.DisplayName, "Renamed elsewhere").SetProperty(a => a.ConcurrencyToken, "stale"));
        }

        var logged = logs.Lines.Count;
        var rows = await BurstOfLookupsAsync(provider);

        // One request wrote the copy (a new concurrency token); the others waited for it and found it current.
        Assert.All(rows, r => Assert.Equal("Portal sign-in", r!.DisplayName));
        var token = Assert.Single(rows.Select(r => r!.ConcurrencyToken).Distinct());
        Assert.NotEqual("stale", token);
        Assert.DoesNotContain(logs.Lines.Skip(logged), IsFailure);
    }

    [Fact]
    public async Task Sync_WhenTheCopyIsCurrent_WritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        string token;
        await using (var scope = provider.CreateAsyncScope())
        {
            token = (await LookUpAsync(scope))!.ConcurrencyToken!;
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.Equal(token, (await LookUpAsync(scope))!.ConcurrencyToken);
        }
    }

    /// <summary>16 requests at once, each looking the portal's own client up in a scope of its own.</summary>
    private static Task<TokenServerApplication?[]> BurstOfLookupsAsync(ServiceProvider provider) =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            await using var scope = provider.CreateAsyncScope();
            return await LookUpAsync(scope);
        }));

    private static Task<TokenServerApplication?> LookUpAsync(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<ClientRegistry>().SyncAsync(FirstPartyClient.Id, CancellationToken.None);

    private static bool IsFailure(string line) => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal);
}
