using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>The API in-process over HTTP, on a real database of the chosen engine.</summary>
public sealed class ApiFactory(
    TestDatabase database,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null,
    string environment = "Testing") : WebApplicationFactory<Program>
{
    public const string PlatformKey = "test-platform-key-0123456789";

    public TestDatabase Database { get; } = database;

    /// <summary>The emails this API sent: its pickup directory, unique to this factory unless the settings name one.</summary>
    public Mailbox Mailbox { get; } = new(
        settings?.GetValueOrDefault("Email:PickupDirectory") ?? Path.Combine(Path.GetTempPath(), "hp-test-mail", Guid.NewGuid().ToString("N")));

    public HttpClient CreatePlatformClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Platform-Key", PlatformKey);
        return client;
    }

    /// <summary>
    /// Everything this host is configured with: the test defaults, the database, then the given settings (a null value
    /// leaves the key to the environment's own settings files). An API started as a process takes the same.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var all = DefaultSettings(Mailbox.Directory, _documentsDirectory, KeyRingDirectory(Database));
            foreach (var (key, value) in Database.Settings)
            {
                all[key] = value;
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            return all;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);

        // A null value leaves the key to the environment's own settings files.
        foreach (var (key, value) in Settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    private readonly string _documentsDirectory = Path.Combine(Path.GetTempPath(), "hp-test-files", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// One Data Protection key ring per database, as operators configure one per deployment: hosts on the same database
    /// (a test's second "process") read each other's signing keys.
    /// </summary>
    private static string KeyRingDirectory(TestDatabase database) =>
        Path.Combine(Path.GetTempPath(), "hp-test-keyrings", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(database.ConnectionString)))[..16]);

    private static Dictionary<string, string?> DefaultSettings(string mailDirectory, string documentsDirectory, string keyRingDirectory) =>
        new()
        {
            ["DataProtection:KeysDirectory"] = keyRingDirectory,
            ["Platform:ApiKey"] = PlatformKey,

            // Outside Development the issuer is configured; the test server's own address.
            ["Auth:Issuer"] = "http://localhost",
            ["Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",

            // Every test request comes from one address; the rate-limit tests set their own low limits.
            ["RateLimits:TokenPerIpPerMinute"] = "100000",
            ["RateLimits:TokenPerClientPerMinute"] = "100000",
            ["RateLimits:TokenFailuresPerClientPerIpPerMinute"] = "100000",
            ["RateLimits:PublicPerIpPerMinute"] = "100000",
            ["RateLimits:PublicPerKeyPerMinute"] = "100000",
            ["RateLimits:PortalAuthPerIpPerMinute"] = "100000",
            ["RateLimits:BookingRequestsPerIpPerHour"] = "100000",
            ["RateLimits:BookingRequestsPerKeyPerHour"] = "100000",
            ["Documents:Directory"] = documentsDirectory,

            // Emails go to files the tests read; the dispatcher polls often so tests wait little.
            ["Email:Delivery"] = "pickup",
            ["Email:PickupDirectory"] = mailDirectory,
            ["Outbox:PollIntervalMs"] = "100",

            // The recurring jobs are scheduled in each test database's own job storage, but nothing runs them unless a
            // test starts a Hangfire server; tests run the maintenance tasks they need themselves.
            ["BackgroundJobs:ServerEnabled"] = "false",
        };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Mailbox.Directory))
        {
            Directory.Delete(Mailbox.Directory, recursive: true);
        }
    }
}

/// <summary>
/// One running API per engine, shared by the tests of one of the <see cref="ApiCollection"/> collections (each
/// collection has its own, on databases of its own); tests isolate by unique data.
/// </summary>
public sealed class ApiHosts : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];

    public ApiFactory this[TestDb engine] => _factories[engine];

    public async Task InitializeAsync()
    {
        _factories[TestDb.Sqlite] = new ApiFactory(await TestDatabase.CreateAsync(TestDb.Sqlite));
        if (PostgresServer.ConnectionString is not null)
        {
            _factories[TestDb.Postgres] = new ApiFactory(await TestDatabase.CreateAsync(TestDb.Postgres));
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
}

/// <summary>
/// The collections of tests that share <see cref="ApiHosts"/>, one per area. The tests of a collection run one after
/// another on its hosts; collections run in parallel with each other (and with the test classes that start hosts of
/// their own), each on its own databases and its own in-process API per engine. A test class names the collection of
/// its area; one that changes what every test of the process sees (an environment variable, a static, the clock of a
/// shared host) must not share hosts, or needs a collection with parallelization disabled.
/// </summary>
public static class ApiCollection
{
    /// <summary>The office's administration, the platform, hosting, errors, the contract and the widgets.</summary>
    public const string Admin = "api-admin";

    /// <summary>What customers read in the portal, and the public (anonymous) portal endpoints.</summary>
    public const string Portal = "api-portal";

    /// <summary>Signing in: portal authentication, the OAuth token server and the hosted sign-in page.</summary>
    public const string SignIn = "api-sign-in";

    /// <summary>Invoices, payments and payment links.</summary>
    public const string Payments = "api-payments";

    /// <summary>Scheduling, bookings, estimates, reviews, synced documents and emails.</summary>
    public const string Work = "api-work";
}

[CollectionDefinition(ApiCollection.Admin)]
public sealed class AdminApiCollection : ICollectionFixture<ApiHosts>;

[CollectionDefinition(ApiCollection.Portal)]
public sealed class PortalApiCollection : ICollectionFixture<ApiHosts>;

[CollectionDefinition(ApiCollection.SignIn)]
public sealed class SignInApiCollection : ICollectionFixture<ApiHosts>;

[CollectionDefinition(ApiCollection.Payments)]
public sealed class PaymentsApiCollection : ICollectionFixture<ApiHosts>;

[CollectionDefinition(ApiCollection.Work)]
public sealed class WorkApiCollection : ICollectionFixture<ApiHosts>;
