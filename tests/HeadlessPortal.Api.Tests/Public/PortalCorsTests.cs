using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Public;

/// <summary>What a browser learns from the CORS answers of the portal endpoints, and that the others give none.</summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalCorsTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    [Fact]
    public async Task Preflight_FromARegisteredOrigin_ListsTheMethodsAndKeepsForTenMinutesWithoutCredentials()
    {
        var origin = await RegisteredOriginAsync();

        var response = await Sqlite.CreateClient().SendAsync(Preflight("/v1/portal/payments", origin, "POST"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(["GET", "POST", "PUT", "PATCH", "DELETE"], Values(response, "Access-Control-Allow-Methods"));
        Assert.Contains("Idempotency-Key", Values(response, "Access-Control-Allow-Headers"));
        Assert.Equal("600", response.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task ActualRequest_FromTheKeysOrigin_ExposesETagLocationAndRetryAfter()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var origin = $"https://{session.HostName}.example";
        var key = await CreateKeyAsync(session, origin);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/public/portal");
        request.Headers.Add("X-Portal-Key", key);
        request.Headers.Add("Origin", origin);

        var response = await Sqlite.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ETag", "Location", "Retry-After"], Values(response, "Access-Control-Expose-Headers"));
    }

    [Theory]
    [InlineData("http://localhost", "http://localhost")]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("https://api.example.com", "https://API.example.com:443")]
    public async Task ActualRequest_FromTheApisOwnOrigin_IsSameOriginAndAllowedWhateverTheKeyAllows(string apiAddress, string origin)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var key = await CreateKeyAsync(session, $"https://{session.HostName}.example");

        var response = await SendFromAsync(apiAddress, origin, key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5081")]
    [InlineData("http://localhost:5080", "https://localhost:5080")]
    [InlineData("http://localhost", "http://localhost.evil.example")]
    public async Task ActualRequest_FromAnotherPortOrSchemeOrHost_IsNotSameOriginAndIsRefused(string apiAddress, string origin)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var key = await CreateKeyAsync(session, $"https://{session.HostName}.example");

        var response = await SendFromAsync(apiAddress, origin, key);

        await response.AssertProblemAsync(403, "origin_not_allowed");
    }

    [Fact]
    public async Task SwaggerUi_OffersAFilterDeepLinksAndKeepsAuthorizationAcrossReloads()
    {
        var script = await Sqlite.CreateClient().GetStringAsync("/swagger/index.js");

        Assert.Contains("\"deepLinking\":true", script, StringComparison.Ordinal);
        Assert.Contains("\"persistAuthorization\":true", script, StringComparison.Ordinal);
        Assert.Matches("\"filter\":(true|\"\")", script);
    }

    private async Task<HttpResponseMessage> SendFromAsync(string apiAddress, string origin, string key)
    {
        var client = Sqlite.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(apiAddress) });
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/public/portal");
        request.Headers.Add("X-Portal-Key", key);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("/v1/admin/portal-settings")]
    [InlineData("/v1/platform/tenants")]
    public async Task Preflight_ToAdminOrPlatformEndpoints_GetsNoCorsHeadersEvenFromARegisteredOrigin(string path)
    {
        var origin = await RegisteredOriginAsync();

        var response = await Sqlite.CreateClient().SendAsync(Preflight(path, origin, "GET"));

        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string> RegisteredOriginAsync()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var origin = $"https://{session.HostName}.example";
        await CreateKeyAsync(session, origin);
        return origin;
    }

    private static async Task<string> CreateKeyAsync(AdminSession session, string origin)
    {
        var key = await AdminSession.ExpectAsync(
            await session.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Website", allowedOrigins = new[] { origin } }), HttpStatusCode.Created);
        return key["key"]!.GetValue<string>();
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "x-portal-key,authorization,content-type,idempotency-key");
        return request;
    }

    private static string[] Values(HttpResponseMessage response, string header) =>
        response.Headers.GetValues(header).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
}
