using System.Net;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Http;

namespace HeadlessPortal.Api.Tests.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto count only from the proxies the operator named (Api:ForwardedHeaders): the
/// per-IP limits then see each client, and anyone else's forwarded headers change nothing.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    [InlineData("Api:ForwardedHeaders:KnownProxies:0", Proxy)]
    [InlineData("Api:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/24")]
    public async Task PerIpLimit_BehindAConfiguredProxy_CountsEachForwardedClientApart(string setting, string value)
    {
        await using var api = await StartAsync(new() { [setting] = value });

        // Two requests a minute per IP: three clients behind the same proxy each get theirs.
        foreach (var client in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, await PublicGetAsync(api, Proxy, client));
        }

        Assert.NotEqual(StatusCodes.Status429TooManyRequests, await PublicGetAsync(api, Proxy, "203.0.113.1"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await PublicGetAsync(api, Proxy, "203.0.113.1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.6")]
    public async Task PerIpLimit_FromAnAddressThatIsNotAConfiguredProxy_IgnoresXForwardedFor(string? configuredProxy)
    {
        await using var api = await StartAsync(configuredProxy is null ? [] : new() { ["Api:ForwardedHeaders:KnownProxies:0"] = configuredProxy });

        Assert.NotEqual(StatusCodes.Status429TooManyRequests, await PublicGetAsync(api, Proxy, "203.0.113.1"));
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, await PublicGetAsync(api, Proxy, "203.0.113.2"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await PublicGetAsync(api, Proxy, "203.0.113.3"));
    }

    [Theory]
    [InlineData(Proxy, true)]
    [InlineData("10.0.0.6", false)]
    public async Task ForwardedProto_IsHttpsOnlyFromAConfiguredProxy_AsHstsShows(string from, bool https)
    {
        await using var api = await StartAsync(new() { ["Api:ForwardedHeaders:KnownProxies:0"] = Proxy });

        var context = await api.Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("api.example.com");
            c.Request.Path = "/health/live";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.1";
        });

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(https, context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    private static async Task<int> PublicGetAsync(ForwardingApi api, string from, string forwardedFor)
    {
        var context = await api.Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/v1/public/portal";
            c.Request.QueryString = new QueryString("?host=no-such-company");
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        return context.Response.StatusCode;
    }

    private static async Task<ForwardingApi> StartAsync(Dictionary<string, string?> settings)
    {
        settings["RateLimits:PublicPerIpPerMinute"] = "2";
        var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        return new ForwardingApi(new ApiFactory(database, settings));
    }

    private sealed class ForwardingApi(ApiFactory factory) : IAsyncDisposable
    {
        public ApiFactory Factory { get; } = factory;

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Factory.Database.DisposeAsync();
        }
    }
}
