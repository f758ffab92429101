using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>
/// A fake Stripe for one API host: <see cref="CreateFactory"/> makes an <see cref="ApiFactory"/> whose Stripe adapter talks
/// to the fake over loopback HTTP, and the fake's events go to that host's <c>/v1/webhooks/stripe</c> through the host's
/// in-memory client. ACH payments settle when a test says so.
/// </summary>
public sealed class FakeStripeFixture : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ApiFactory> _factories = [];
    private ApiFactory? _factory;
    private HttpClient? _webhookClient;

    private FakeStripeFixture(FakeStripeServer server) => Server = server;

    public FakeStripeServer Server { get; }

    /// <summary>Configuration keys that point the API's Stripe adapter at the fake.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Stripe:UseFakeServer"] = "false",
        ["Stripe:BaseUrl"] = Server.BaseUrl,
        ["Stripe:SecretKey"] = Server.SecretKey,
        ["Stripe:WebhookSecret"] = Server.WebhookSecret,
    };

    public static async Task<FakeStripeFixture> StartAsync(Action<FakeStripeOptions>? configure = null)
    {
        FakeStripeFixture? fixture = null;
        var options = new FakeStripeOptions
        {
            // The host is created after the fake (it needs the fake's address), so the target is looked up at each delivery.
            WebhookTarget = FakeStripeWebhookTarget.ForClient(() => fixture?.WebhookClient()),
            DeliveryRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        fixture = new FakeStripeFixture(await FakeStripeServer.StartAsync(options));
        return fixture;
    }

    /// <summary>
    /// An API host on <paramref name="database"/> paying against this fake; other settings may be added. The fixture owns
    /// the host and its database: disposing the fixture disposes both.
    /// </summary>
    public ApiFactory CreateFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _factory = new ApiFactory(database, all, services);
        _factories.Add(_factory);
        return _factory;
    }

    public async ValueTask DisposeAsync()
    {
        // Stripe stops delivering first: a delivery under way still holds the webhook client and the API it posts to.
        await Server.DisposeAsync();
        _webhookClient?.Dispose();
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        foreach (var database in _factories.Select(f => f.Database).Distinct())
        {
            await database.DisposeAsync();
        }
    }

    private HttpClient? WebhookClient()
    {
        lock (_gate)
        {
            return _webhookClient ??= _factory?.CreateClient();
        }
    }
}
