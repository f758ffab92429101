using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Widgets;

/// <summary>How the API delivers the website widgets: the versioned script, its published SRI hash, and the origin check.</summary>
[Collection(ApiCollection.Admin)]
public sealed class WidgetEndpointTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    [Fact]
    public async Task Script_IsCachedForAYearWithAnETag_ReadableFromAnyOrigin_AndRevalidatesTo304()
    {
        var client = Sqlite.CreateClient();

        var response = await client.GetAsync("/widgets/v1/portal-widgets.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("cross-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        var etag = response.Headers.ETag!.Tag;
        Assert.Contains("customElements.define('portal-booking-request'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = new HttpRequestMessage(HttpMethod.Get, "/widgets/v1/portal-widgets.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Manifest_PublishesTheSha384OfTheExactBytesServed()
    {
        var client = Sqlite.CreateClient();

        var manifest = await client.GetFromJsonAsync<JsonNode>("/widgets/v1/manifest.json");
        var file = manifest!["files"]!["portal-widgets.js"]!;
        var bytes = await client.GetByteArrayAsync(file["path"]!.GetValue<string>());

        Assert.Equal("v1", manifest["version"]!.GetValue<string>());
        Assert.Equal("sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)), file["integrity"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Config_AllowsTheKeysOriginAndTheApisOwn_AndTellsAnyOtherOriginWhyNot_InAnAnswerItCanRead(TestDb engine)
    {
        var api = hosts[engine];
        var tenant = await PortalTenant.CreateAsync(api);
        var origin = $"https://{tenant.Admin.HostName}.example";
        var pk = await KeyAsync(tenant.Admin, origin);
        var portalOff = await AdminSession.StartAsync(api);
        var portalOffKey = await KeyAsync(portalOff, origin);

        var registered = await ConfigAsync(api, pk, origin);
        var ownOrigin = await ConfigAsync(api, pk, "http://localhost");
        var other = await ConfigAsync(api, pk, "https://elsewhere.example");
        var unknownKey = await ConfigAsync(api, "pk_live_nothing", origin);
        var off = await ConfigAsync(api, portalOffKey, origin);

        Assert.True(registered["allowed"]!.GetValue<bool>(), registered.ToJsonString());
        Assert.Equal("https://js.stripe.com/v3/", registered["stripeJs"]!.GetValue<string>());
        Assert.True(ownOrigin["allowed"]!.GetValue<bool>(), ownOrigin.ToJsonString());
        Assert.False(other["allowed"]!.GetValue<bool>());
        Assert.Equal("origin_not_allowed", other["code"]!.GetValue<string>());
        Assert.Contains("https://elsewhere.example", other["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(unknownKey["allowed"]!.GetValue<bool>());
        Assert.Equal("invalid_portal_key", unknownKey["code"]!.GetValue<string>());
        Assert.False(off["allowed"]!.GetValue<bool>());
        Assert.Equal("portal_not_available", off["code"]!.GetValue<string>());
    }

    private static async Task<string> KeyAsync(AdminSession session, string origin) =>
        (await AdminSession.ExpectAsync(
            await session.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Website", allowedOrigins = new[] { origin } }), HttpStatusCode.Created))["key"]!.GetValue<string>();

    [Fact]
    public async Task DemoPage_OutsideDevelopment_IsNotServed()
    {
        var response = await Sqlite.CreateClient().GetAsync("/widgets/demo.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonNode> ConfigAsync(ApiFactory api, string key, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/widgets/v1/config?key={Uri.EscapeDataString(key)}");
        request.Headers.Add("Origin", origin);
        var response = await api.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
