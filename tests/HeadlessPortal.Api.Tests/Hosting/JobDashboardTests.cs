using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Hosting;

/// <summary>The Hangfire Dashboard at /hangfire: the platform operator's key outside Development, this machine too inside.</summary>
public sealed class JobDashboardTests
{
    private static readonly Dictionary<string, string?> NoFakeStripe = new() { ["Stripe:UseFakeServer"] = "false" };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Dashboard_OutsideDevelopment_RefusesAnAnonymousRequestWithABasicChallenge(string environment)
    {
        await using var api = await StartAsync(TestDb.Sqlite, environment);

        var response = await api.CreateClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Dashboard_OutsideDevelopment_RefusesAWrongKeyEvenFromThisMachine(string environment)
    {
        await using var api = await StartAsync(TestDb.Sqlite, environment, Loopback);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic("operator", "not-the-platform-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire/recurring")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dashboard_InProduction_LetsThePlatformKeyInAsBasicPasswordOrHeader(TestDb engine)
    {
        await using var api = await StartAsync(engine, "Production");
        var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Authorization = Basic("operator", ApiFactory.PlatformKey);

        var page = await browser.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Recurring Jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.CreatePlatformClient().GetAsync("/hangfire")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dashboard_InDevelopment_ListsTheRecurringJobsToABrowserOnThisMachine(TestDb engine)
    {
        await using var api = await StartAsync(engine, "Development", Loopback);
        var client = api.CreateClient();

        // The jobs are scheduled once the host has started.
        var html = string.Empty;
        for (var i = 0; i < 100 && !html.Contains("outbox-lease-recovery", StringComparison.Ordinal); i++)
        {
            var response = await client.GetAsync("/hangfire/recurring");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        foreach (var task in new[] { "payment-recovery", "outbox-lease-recovery", "data-change-cleanup", "expired-portal-credentials", "oauth.token-pruning" })
        {
            Assert.Contains(task, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dashboard_InDevelopment_RefusesAnAnonymousRequestFromElsewhere()
    {
        await using var api = await StartAsync(TestDb.Sqlite, "Development", IPAddress.Parse("192.0.2.10"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/hangfire")).StatusCode);
    }

    private static readonly IPAddress Loopback = IPAddress.Loopback;

    /// <summary>The API on a new database; requests seem to come from <paramref name="remote"/> (the test server sets no address).</summary>
    private static async Task<DashboardApi> StartAsync(TestDb engine, string environment, IPAddress? remote = null)
    {
        var database = await TestDatabase.CreateAsync(engine);
        var factory = new ApiFactory(
            database,
            NoFakeStripe,
            services => services.AddSingleton<IStartupFilter>(new RemoteAddress(remote)),
            environment);
        return new DashboardApi(factory);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private sealed class DashboardApi(ApiFactory factory) : IAsyncDisposable
    {
        public HttpClient CreateClient() => factory.CreateClient();

        public HttpClient CreatePlatformClient() => factory.CreatePlatformClient();

        public async ValueTask DisposeAsync()
        {
            await factory.DisposeAsync();
            await factory.Database.DisposeAsync();
        }
    }

    private sealed class RemoteAddress(IPAddress? address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
