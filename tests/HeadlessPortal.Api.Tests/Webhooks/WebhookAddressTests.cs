using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Infrastructure.Webhooks;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Webhooks;

/// <summary>
/// A host per engine configured as outside Development (no loopback, link-local or private addresses), except that it
/// allows http so that a request that got through would reach the test receiver; its DNS answers as each test scripts.
/// </summary>
public sealed class StrictWebhookHosts : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];

    public ScriptedDns Dns { get; } = new();

    public ApiFactory this[TestDb engine] => _factories[engine];

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
        var settings = new Dictionary<string, string?> { ["Webhooks:AllowHttp"] = "true", ["Webhooks:PollIntervalMs"] = "50" };
        _factories[engine] = new ApiFactory(await TestDatabase.CreateAsync(engine), settings, services: s => s.AddSingleton<IWebhookDns>(Dns));
    }
}

/// <summary>Outside Development, webhooks never reach loopback, link-local or private addresses: not when saved, not at delivery.</summary>
public sealed class WebhookAddressTests(StrictWebhookHosts hosts) : IClassFixture<StrictWebhookHosts>
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_RefusesInternalAddresses_AndNamesThatResolveToThem(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        foreach (var url in new[]
                 {
                     "https://127.0.0.1/hooks", "https://10.1.2.3/hooks", "https://169.254.169.254/latest/meta-data", "https://192.168.1.10/",
                     "https://172.16.0.5/", "https://100.64.0.1/", "https://[::1]/hooks", "https://[fd00::1]/", "https://localhost/hooks", "https://0.0.0.0/",
                 })
        {
            var problem = await (await admin.Client.PostAsJsonAsync(WebhookApi.Endpoints, new { url, eventTypes = new[] { "job.booked" } }))
                .AssertProblemAsync(422, "webhook_address_not_allowed");
            Assert.NotEmpty(problem.FieldErrors("url"));
        }

        await (await admin.Client.PostAsJsonAsync(WebhookApi.Endpoints, new { url = "https://user:pw@hooks.example.com/", eventTypes = new[] { "job.booked" } }))
            .AssertProblemAsync(422, "webhook_url_invalid");
        Assert.Empty((await AdminSession.ExpectAsync(await admin.Client.GetAsync(WebhookApi.Endpoints), HttpStatusCode.OK))["data"]!.AsArray());

        // A changed URL is checked the same way.
        hosts.Dns.Answer("public.example.test", [IPAddress.Parse("93.184.216.34")]);
        var (id, _) = await WebhookApi.CreateAsync(admin, "https://public.example.test/hooks");
        await (await admin.Client.PutAsJsonAsync($"{WebhookApi.Endpoints}/{id}", new { url = "https://10.0.0.1/", eventTypes = new[] { "job.booked" } }))
            .AssertProblemAsync(422, "webhook_address_not_allowed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ANameThatResolvesToLoopbackAtDelivery_IsNotConnectedTo(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var host = $"rebind-{Guid.NewGuid():N}.example.test";

        // Public when the endpoint is saved, loopback (where the receiver listens) when the event is delivered.
        hosts.Dns.Answer(host, [IPAddress.Parse("93.184.216.34")], [IPAddress.Loopback]);
        var (id, _) = await WebhookApi.CreateAsync(admin, $"http://{host}:{receiver.Port}/hooks");
        var deliveryId = (await WebhookApi.PingAsync(admin, id))["id"]!.GetValue<Guid>();

        var failed = await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => d["status"]!.GetValue<string>() == "failed");
        Assert.Contains("may not reach", failed["error"]!.GetValue<string>());
        Assert.Null(failed["responseStatus"]);
        Assert.Null(failed["nextAttemptAt"]);
        await Task.Delay(200);
        Assert.Empty(receiver.Received);
    }
}
