using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Public;

[Collection(ApiCollection.Portal)]
public sealed class PublicPortalTests(ApiHosts hosts)
{
    private const string Origin = "https://www.acme.example";

    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    private static async Task<string> CreateKeyAsync(AdminSession session, params string[] origins)
    {
        var key = await AdminSession.ExpectAsync(
            await session.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Website", allowedOrigins = origins }), HttpStatusCode.Created);
        return key["key"]!.GetValue<string>();
    }

    private HttpRequestMessage PortalRequest(string key, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/public/portal");
        request.Headers.Add("X-Portal-Key", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private static async Task EnableAsync(AdminSession session, bool enabled, Action<JsonObject>? change = null)
    {
        await session.Client.PostAsync("/v1/admin/portal-settings/legal-agreement/acceptance", null);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["enabled"] = enabled;
        change?.Invoke(settings);
        await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PublicPortal_ReflectsSettingsChangesOnTheNextCall(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var key = await CreateKeyAsync(session, Origin);
        var client = hosts[engine].CreateClient();

        var off = await AdminSession.ExpectAsync(await client.SendAsync(PortalRequest(key)), HttpStatusCode.OK);
        Assert.Equal("notAvailable", off["status"]!.GetValue<string>());
        Assert.Equal("Admin Test " + session.HostName, off["branding"]!["displayName"]!.GetValue<string>());
        Assert.Empty(off["signInMethods"]!.AsArray());

        await EnableAsync(session, true, s => s["branding"]!["displayName"] = "Acme Customer Portal");
        var on = await AdminSession.ExpectAsync(await client.SendAsync(PortalRequest(key)), HttpStatusCode.OK);
        Assert.Equal("available", on["status"]!.GetValue<string>());
        Assert.Equal("Acme Customer Portal", on["branding"]!["displayName"]!.GetValue<string>());
        Assert.Contains("password", on["signInMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains(session.HostName, on["portalUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var (settings, etag) = await session.GetSettingsAsync();
        settings["features"]!["jobBooking"] = false;
        await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        var toggled = await AdminSession.ExpectAsync(await client.SendAsync(PortalRequest(key)), HttpStatusCode.OK);
        Assert.False(toggled["features"]!["jobBooking"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PublicPortal_ByHostName_AnswersWithoutAKey()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var body = await AdminSession.ExpectAsync(await Sqlite.CreateClient().GetAsync($"/v1/public/portal?host={session.HostName}"), HttpStatusCode.OK);
        Assert.Equal("notAvailable", body["status"]!.GetValue<string>());

        await (await Sqlite.CreateClient().GetAsync("/v1/public/portal?host=no-such-portal")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task PublicPortal_WhenKeyMissingUnknownOrRevoked_Answers401()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var key = await CreateKeyAsync(session, Origin);
        var client = Sqlite.CreateClient();

        await (await client.GetAsync("/v1/public/portal")).AssertProblemAsync(401, "portal_key_required");
        await (await client.SendAsync(PortalRequest("pk_nonexistent"))).AssertProblemAsync(401, "invalid_portal_key");

        var keys = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/publishable-keys"), HttpStatusCode.OK);
        await session.Client.PostAsync($"/v1/admin/publishable-keys/{keys["data"]![0]!["id"]}/revoke", null);
        await (await client.SendAsync(PortalRequest(key))).AssertProblemAsync(401, "invalid_portal_key");
    }

    [Fact]
    public async Task Cors_AllowsExactlyTheKeysOrigins()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var key = await CreateKeyAsync(session, Origin, "http://localhost:3000");
        var client = Sqlite.CreateClient();

        var allowed = await client.SendAsync(PortalRequest(key, Origin));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", allowed.Headers.Vary);

        var other = await client.SendAsync(PortalRequest(key, "https://evil.example"));
        await other.AssertProblemAsync(403, "origin_not_allowed");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        var lookalike = await client.SendAsync(PortalRequest(key, "https://www.acme.example.evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, lookalike.StatusCode);
    }

    [Fact]
    public async Task Cors_PreflightFromARegisteredOrigin_IsAllowed_AndFromOthersIsNot()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var registered = $"https://{session.HostName}.example";
        await CreateKeyAsync(session, registered);
        var client = Sqlite.CreateClient();

        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/v1/public/portal");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "x-portal-key");
            return request;
        }

        var ok = await client.SendAsync(Preflight(registered));
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(registered, ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-Portal-Key", ok.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);

        // A front end revalidates signed-in answers it kept (If-None-Match) and may ask for a fresh one.
        Assert.Contains("If-None-Match", ok.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Contains("Cache-Control", ok.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);

        var refused = await client.SendAsync(Preflight("https://unknown.example"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_WhenTheResponseIsAnError_StillCarriesTheAllowOriginHeader()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var key = await CreateKeyAsync(session, Origin);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/public/nothing-here");
        request.Headers.Add("X-Portal-Key", key);
        request.Headers.Add("Origin", Origin);

        var response = await Sqlite.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task PublicEndpoints_AreRateLimitedPerIpWith429AndRetryAfter()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["RateLimits:PublicPerIpPerMinute"] = "3" });
        var session = await AdminSession.StartAsync(factory);
        var key = await CreateKeyAsync(session, Origin);
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(PortalRequest(key))).StatusCode);
        }

        var limited = await client.SendAsync(PortalRequest(key));
        await limited.AssertProblemAsync(429, "too_many_requests");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task TokenEndpoint_IsRateLimitedPerIpAndPerClient()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["RateLimits:TokenPerClientPerMinute"] = "2", ["RateLimits:TokenPerIpPerMinute"] = "4" });
        var session = await AdminSession.StartAsync(factory);
        var client = factory.CreateClient();
        Task<HttpResponseMessage> Ask(string id) => client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = session.ClientSecret,
        }));

        // AdminSession used one token request from this IP and client already.
        Assert.Equal(HttpStatusCode.OK, (await Ask(session.ClientId)).StatusCode);
        await (await Ask(session.ClientId)).AssertProblemAsync(429, "too_many_requests");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Ask("someone-else")).StatusCode);
        await (await Ask("someone-else")).AssertProblemAsync(429, "too_many_requests");
    }

    [Fact]
    public async Task DemoData_InDevelopment_GivesTheDocumentedClientKeyAndEnabledPortal()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Platform:ApiKey"] = null, ["Demo:Seed"] = null }, environment: "Development");

        var token = await AdminSession.TokenAsync(factory, "demo-admin", "demo-admin-secret");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var settings = await AdminSession.ExpectAsync(await client.GetAsync("/v1/admin/portal-settings"), HttpStatusCode.OK);
        Assert.True(settings["enabled"]!.GetValue<bool>());
        Assert.True(settings["legalAgreement"]!["accepted"]!.GetValue<bool>());
        Assert.Empty(settings["warnings"]!.AsArray());
        Assert.Single((await AdminSession.ExpectAsync(await client.GetAsync("/v1/admin/phone-numbers"), HttpStatusCode.OK))["data"]!.AsArray());

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/public/portal");
        request.Headers.Add("X-Portal-Key", "pk_demo_local");
        request.Headers.Add("Origin", "http://localhost:3000");
        var portal = await factory.CreateClient().SendAsync(request);
        Assert.Equal("available", (await AdminSession.ExpectAsync(portal, HttpStatusCode.OK))["status"]!.GetValue<string>());
        Assert.Equal("http://localhost:3000", portal.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
