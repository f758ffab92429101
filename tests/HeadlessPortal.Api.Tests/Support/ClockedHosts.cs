using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>
/// A host per engine whose clock the test moves (links expire, windows come and go): each engine's host has its own
/// clock, so one test's time travel does not leak into the other's. Started at <paramref name="start"/>, or now.
/// </summary>
public class ClockedHosts(DateTimeOffset? start) : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];
    private readonly Dictionary<TestDb, MovableClock> _clocks = [];

    public ClockedHosts()
        : this(null)
    {
    }

    public ApiFactory this[TestDb engine] => _factories[engine];

    public MovableClock Clock(TestDb engine) => _clocks[engine];

    public async Task InitializeAsync()
    {
        await AddAsync(TestDb.Sqlite);
        if (PostgresServer.ConnectionString is not null)
        {
            await AddAsync(TestDb.Postgres);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories.Values)
        {
            await factory.DisposeAsync();
            await factory.Database.DisposeAsync();
        }
    }

    private async Task AddAsync(TestDb engine)
    {
        var clock = new MovableClock();
        if (start is { } at)
        {
            clock.Advance(at - clock.UtcNow);
        }

        _clocks[engine] = clock;
        _factories[engine] = new ApiFactory(await TestDatabase.CreateAsync(engine), services: s => s.AddSingleton<IClock>(clock));
    }
}
