using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Infrastructure.Webhooks;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Webhooks;

/// <summary>
/// A host per engine whose webhooks may go to loopback over http (a test receiver), as only Development and tests allow,
/// with a clock the test moves; retries wait at least half an hour, so nothing is retried until a test moves the clock.
/// </summary>
public sealed class WebhookHosts : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];
    private readonly Dictionary<TestDb, MovableClock> _clocks = [];

    /// <summary>What lets webhooks reach the test receiver, and polls often.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LoopbackSettings = new Dictionary<string, string?>
    {
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:AllowPrivateAddresses"] = "true",
        ["Webhooks:PollIntervalMs"] = "50",
        ["Webhooks:BaseDelaySeconds"] = "3600",
        ["Webhooks:MaxDelaySeconds"] = "86400",
    };

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

    /// <summary>Another API process on the same database and clock, as a second deployment would run.</summary>
    public ApiFactory SecondProcess(TestDb engine) =>
        new(_factories[engine].Database, LoopbackSettings, services: s => s.AddSingleton<IClock>(_clocks[engine]));

    private async Task AddAsync(TestDb engine)
    {
        var clock = new MovableClock();
        _clocks[engine] = clock;
        _factories[engine] = new ApiFactory(await TestDatabase.CreateAsync(engine), LoopbackSettings, services: s => s.AddSingleton<IClock>(clock));
    }
}

/// <summary>Resolves the names a test gives it, one answer after the other (the last repeats), like a DNS that changes its mind.</summary>
public sealed class ScriptedDns : IWebhookDns
{
    private readonly Dictionary<string, Queue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public void Answer(string host, params IPAddress[][] answers)
    {
        lock (_gate)
        {
            _answers[host] = new Queue<IPAddress[]>(answers);
        }
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_answers.TryGetValue(host, out var queue))
            {
                return Dns.GetHostAddressesAsync(host, cancellationToken);
            }

            return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        }
    }
}

/// <summary>Webhook calls of the Admin API, for tests.</summary>
internal static class WebhookApi
{
    public const string Endpoints = "/v1/admin/webhook-endpoints";

    /// <summary>A fresh tenant with an office address and an admin session.</summary>
    public static async Task<(AdminSession Admin, string OfficeEmail)> TenantAsync(ApiFactory factory)
    {
        var platform = factory.CreatePlatformClient();
        var hostName = Http.UniqueHostName("whk");
        var office = $"office-{Guid.NewGuid():N}@example.com";
        var tenant = await AdminSession.ExpectAsync(await platform.PostJsonAsync("/v1/platform/tenants",
            new { name = "Webhooks " + hostName, hostName, accountSettings = new { displayName = "Webhook Co", email = office } }), HttpStatusCode.Created);
        var tenantId = tenant["id"]!.GetValue<Guid>();
        var credentials = await AdminSession.ExpectAsync(
            await platform.PostJsonAsync($"/v1/platform/tenants/{tenantId}/api-clients", new { name = "Test admin", role = "admin" }), HttpStatusCode.Created);
        var clientId = credentials["clientId"]!.GetValue<string>();
        var secret = credentials["clientSecret"]!.GetValue<string>();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminSession.TokenAsync(factory, clientId, secret));
        return (new AdminSession(tenantId, hostName, clientId, secret, client), office);
    }

    /// <summary>Registers an endpoint; returns its id and secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreateAsync(AdminSession admin, string url, params string[] eventTypes)
    {
        var created = await AdminSession.ExpectAsync(
            await admin.Client.PostAsJsonAsync(Endpoints, new { url, eventTypes = eventTypes.Length == 0 ? ["job.booked"] : eventTypes, description = "test receiver" }),
            HttpStatusCode.Created);
        return (created["endpoint"]!["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }

    public static async Task<JsonNode> PingAsync(AdminSession admin, Guid endpointId) =>
        await AdminSession.ExpectAsync(await admin.Client.PostAsync($"{Endpoints}/{endpointId}/ping", null), HttpStatusCode.Accepted);

    public static async Task<List<JsonNode>> DeliveriesAsync(AdminSession admin, Guid endpointId) =>
        (await AdminSession.ExpectAsync(await admin.Client.GetAsync($"{Endpoints}/{endpointId}/deliveries?limit=100"), HttpStatusCode.OK))["data"]!.AsArray().Select(d => d!).ToList();

    /// <summary>Waits until the endpoint's delivery <paramref name="deliveryId"/> satisfies <paramref name="done"/>, and returns it.</summary>
    public static async Task<JsonNode> WaitForDeliveryAsync(AdminSession admin, Guid endpointId, Guid deliveryId, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var delivery = (await DeliveriesAsync(admin, endpointId)).Single(d => d["id"]!.GetValue<Guid>() == deliveryId);
            if (done(delivery))
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, "the delivery did not get there: " + delivery.ToJsonString());
            await Task.Delay(30);
        }
    }
}
