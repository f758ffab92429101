using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>One API host per engine, each paying against its own fake Stripe, configured by the subclass.</summary>
public abstract class StripeHosts(Action<FakeStripeOptions>? configure = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) : IAsyncLifetime
{
    private readonly Dictionary<TestDb, (FakeStripeFixture Stripe, ApiFactory Factory)> _hosts = [];

    public (FakeStripeFixture Stripe, ApiFactory Factory) this[TestDb engine] => _hosts[engine];

    public async Task InitializeAsync()
    {
        foreach (var engine in PostgresServer.ConnectionString is null ? [TestDb.Sqlite] : new[] { TestDb.Sqlite, TestDb.Postgres })
        {
            var stripe = await FakeStripeFixture.StartAsync(configure);
            _hosts[engine] = (stripe, stripe.CreateFactory(await TestDatabase.CreateAsync(engine), services: services));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (stripe, _) in _hosts.Values)
        {
            await stripe.DisposeAsync();
        }
    }
}
