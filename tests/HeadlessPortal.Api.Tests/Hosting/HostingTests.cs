using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Tests.Hosting;

[Collection(ApiCollection.Admin)]
public sealed class HostingTests(ApiHosts hosts)
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Health_WhenDatabaseMigrated_LiveAndReadyAnswer200WithoutCredentials(TestDb engine)
    {
        var client = hosts[engine].CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.JsonAsync();
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal("healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task HealthReady_WhenMigrationsNotApplied_Answers503ButLiveStays200()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task DemoSeed_WhenDatabaseEmpty_CreatesDemoTenantOnceAcrossRestarts()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        var settings = new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Stripe:UseFakeServer"] = "false" };

        for (var start = 0; start < 2; start++)
        {
            await using var factory = new ApiFactory(database, settings, environment: "Development");
            var page = await (await factory.CreatePlatformClient().GetAsync("/v1/platform/tenants")).JsonAsync();
            var tenant = Assert.Single(page["data"]!.AsArray())!;
            Assert.Equal("Demo Heating & Air", tenant["name"]!.GetValue<string>());
            Assert.Equal("demo-hvac", tenant["hostName"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task DemoSeed_WhenDisabled_LeavesDatabaseEmpty()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database);
        var page = await (await factory.CreatePlatformClient().GetAsync("/v1/platform/tenants")).JsonAsync();
        Assert.Empty(page["data"]!.AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public async Task Startup_WhenPlatformKeyMissingOrWeakOutsideDevelopment_RefusesToStart(string? key)
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Platform:ApiKey"] = key ?? "" }, environment: "Production");

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var validation = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Platform:ApiKey", validation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "Demo:Seed")]
    [InlineData("Production", "Stripe:UseFakeServer")]
    [InlineData("Testing", "Demo:Seed")]
    [InlineData("Staging", "Stripe:UseFakeServer")]
    [InlineData("Production", "Twilio:UseFakeServer")]
    public async Task Startup_WithADevelopmentOnlySettingOutsideDevelopment_RefusesToStartNamingTheSettingAndTheEnvironment(string environment, string setting)
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { [setting] = "true" }, environment: environment);

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var refusal = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(refusal);
        Assert.Contains(setting, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Development", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Demo:Seed", "true")]
    [InlineData("Stripe:UseFakeServer", "true")]
    [InlineData("Auth:Issuer", "")]
    public async Task Process_WhenProductionRefusesItsConfiguration_ExitsWithCode1AndOneLineOnStandardErrorWithoutAStackTrace(string setting, string value)
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { [setting] = value });

        var exited = await ApiProcess.RunUntilExitAsync(factory.Settings, "Production");

        Assert.Equal(1, exited.ExitCode);
        var line = Assert.Single(exited.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.Contains("Production", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", exited.Error + exited.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exited.Error + exited.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_WhenServing_SendsNoServerBanner()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database);
        await using var api = await ApiProcess.StartAsync(factory.Settings);
        using var client = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Process_OnSqlite_RunsSqliteWithoutItsMemoryStatistics()
    {
        // They take a process-wide mutex on every allocation inside SQLite (docs/PERSISTENCE.md); only a fresh process
        // shows that the API turns them off before SQLite is first used.
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(
            database, new Dictionary<string, string?> { ["Logging:LogLevel:HeadlessPortal.Infrastructure.Persistence.SqliteConnectionPool"] = "Information" });
        await using var api = await ApiProcess.StartAsync(factory.Settings);

        Assert.Contains(api.Output, line => line.Contains("SQLite memory statistics are off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_OutsideDevelopmentWithTheDevelopmentOnlySettingsOff_Starts()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Demo:Seed"] = "false", ["Stripe:UseFakeServer"] = "false" }, environment: "Production");

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Startup_InDevelopment_UsesTheDocumentedDefaultPlatformKey()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Platform:ApiKey"] = null, ["Demo:Seed"] = null }, environment: "Development");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Platform-Key", "dev-platform-key");

        var response = await client.GetAsync("/v1/platform/tenants");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Contains(page!["data"]!.AsArray(), t => t!["hostName"]!.GetValue<string>() == "demo-hvac");
    }
}
