using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>
/// A host per engine whose clock the test moves (links expire, windows come and go): each engine's host has its own
/// clock, so one test's time travel does not leak into the other's. Its clock starts now, or at a subclass's chosen time.
/// </summary>
public class ClockedHosts : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];
    private readonly Dictionary<TestDb, MovableClock> _clocks = [];
    private readonly DateTimeOffset? _start;

    public ClockedHosts()
    {
    }

    /// <summary>For hosts whose clock starts at a chosen time (a fixture has one public constructor, so this one is for subclasses).</summary>
    protected ClockedHosts(DateTimeOffset start) => _start = start;

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
        if (_start is { } at)
        {
            clock.Advance(at - clock.UtcNow);
        }

        _clocks[engine] = clock;
        _factories[engine] = new ApiFactory(await TestDatabase.CreateAsync(engine), services: s => s.AddSingleton<IClock>(clock));
    }
}
