using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HeadlessPortal.Api.Tests.Hosting;

/// <summary>
/// The headers every kind of answer carries: no-store on anything holding a secret, private on signed-in reads,
/// nosniff and no-referrer everywhere, HSTS over HTTPS outside Development, and a Content-Security-Policy.
/// </summary>
[Collection(ApiCollection.Admin)]
public sealed partial class SecurityHeadersTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    [Fact]
    public async Task PortalTokenAnswers_AreNeverStored()
    {
        var tenant = await PortalTenant.CreateAsync(Sqlite);
        await tenant.CustomerAsync("c1", "Ada Customer");
        var email = PortalTenant.UniqueEmail();
        await tenant.ContactAsync("p1", "c1", email);
        await AdminSession.ExpectAsync(await tenant.Admin.Client.PostAsync("/v1/admin/contacts/p1/invite", null), HttpStatusCode.OK);
        var invitation = await tenant.TokenFromEmailAsync(email, "/accept-invitation");

        var accepted = await tenant.PostAsync("/v1/portal/auth/invitations/accept", new { token = invitation, password = "correct horse battery staple" });
        var signedIn = await tenant.PostAsync("/v1/portal/auth/sign-in", new { email, password = "correct horse battery staple" });
        var refreshToken = (await signedIn.JsonAsync())["refreshToken"]!.GetValue<string>();
        var refreshed = await tenant.PostAsync("/v1/portal/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Accepted, (await tenant.PostAsync("/v1/portal/auth/magic-link", new { email })).StatusCode);
        var magic = await tenant.PostAsync("/v1/portal/auth/magic-link/redeem", new { token = await tenant.TokenFromEmailAsync(email, "/magic-link") });
        var link = await AdminSession.ExpectAsync(await tenant.Admin.Client.PostAsync("/v1/admin/customers/c1/portal-link", null), HttpStatusCode.OK);
        var portalLink = await tenant.PostAsync("/v1/portal/auth/portal-link", new { token = PortalTenant.TokenIn(link.ToJsonString()), lastFour = "0123" });

        foreach (var response in new[] { accepted, signedIn, refreshed, magic, portalLink })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri} answered Cache-Control: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task SecretsShownOnce_AreNeverStored()
    {
        var admin = await AdminSession.StartAsync(Sqlite);

        var client = await admin.Client.PostAsJsonAsync("/v1/admin/api-clients", new { name = "Integration", role = "integration" });
        var secret = await admin.Client.PostAsync($"/v1/admin/api-clients/{(await client.JsonAsync())["id"]}/secret", null);
        var key = await admin.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Website", allowedOrigins = Array.Empty<string>() });
        var token = await Sqlite.CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "wrong",
        }));

        foreach (var response in new[] { client, secret, key, token })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri} answered Cache-Control: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task SignedInReads_ArePrivateAndKeepTheirETags()
    {
        var tenant = await PortalTenant.CreateAsync(Sqlite);
        await tenant.CustomerAsync("c1", "Ada Customer");
        var email = PortalTenant.UniqueEmail();
        await tenant.ContactAsync("p1", "c1", email);
        var tokens = await tenant.InviteAndAcceptAsync("p1", email);
        var portal = tenant.Portal(tokens["accessToken"]!.GetValue<string>());

        var me = await portal.GetAsync("/v1/portal/me");
        var locations = await portal.GetAsync("/v1/portal/locations");
        var settings = await tenant.Admin.Client.GetAsync("/v1/admin/portal-settings");
        var clients = await tenant.Admin.Client.GetAsync("/v1/admin/api-clients");
        var tenants = await Sqlite.CreatePlatformClient().GetAsync("/v1/platform/tenants");

        foreach (var response in new[] { me, locations, settings, clients, tenants })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.Private, $"{response.RequestMessage!.RequestUri} answered Cache-Control: {response.Headers.CacheControl}");
            Assert.False(response.Headers.CacheControl!.Public);
        }

        Assert.NotNull(locations.Headers.ETag);
        Assert.NotNull(settings.Headers.ETag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/portal/locations");
        revalidate.Headers.IfNoneMatch.Add(locations.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await portal.SendAsync(revalidate)).StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/v1/public/portal?host=no-such-company")]
    [InlineData("/v1/admin/portal-settings")]
    [InlineData("/swagger/index.html")]
    [InlineData("/no/such/page")]
    public async Task EveryAnswer_ForbidsSniffingAndReferrers(string path)
    {
        var response = await Sqlite.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task JsonAnswers_MayLoadNothingAndBeFramedNowhere()
    {
        var response = await Sqlite.CreateClient().GetAsync("/health/live");

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Hsts_OverHttpsOutsideDevelopment_IsSentAndOverHttpIsNot()
    {
        var https = Sqlite.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.example.com") });

        var secure = await https.GetAsync("/health/live");
        var plain = await Sqlite.CreateClient().GetAsync("/health/live");

        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_InDevelopment_IsNotSent()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["Stripe:UseFakeServer"] = "false" }, environment: "Development");
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.example.com") });

        var response = await https.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SwaggerUi_HasAPolicyThatLoadsOnlyItsOwnScriptsAndStyles()
    {
        var client = Sqlite.CreateClient();

        var page = await client.GetAsync("/swagger/index.html");
        var html = await page.Content.ReadAsStringAsync();

        var policy = Directives(page);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Contains("data:", policy["img-src"], StringComparison.Ordinal);

        // Every script and style sheet comes from the API itself: nothing inline that the policy would block.
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match source in ScriptOrStyleSource().Matches(html))
        {
            Assert.False(Uri.TryCreate(source.Groups[1].Value, UriKind.Absolute, out _), $"{source.Value} loads from elsewhere");
        }
    }

    [Fact]
    public async Task JobDashboard_HasAPolicyThatAllowsExactlyTheStyleItsChartInjects()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, environment: "Production");
        var operatorClient = factory.CreatePlatformClient();

        var page = await operatorClient.GetAsync("/hangfire");
        var html = await page.Content.ReadAsStringAsync();
        var script = await (await operatorClient.GetAsync(DashboardScript().Match(html).Groups[1].Value)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = Directives(page);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);

        // Chart.js adds one <style> element to the page: its text, hashed, is what the policy allows beyond 'self'.
        var css = ChartCss().Match(script);
        Assert.True(css.Success, "the dashboard's script no longer holds Chart.js's style sheet where this test looks for it");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("/* Chart.js */\n" + Regex.Unescape(css.Groups[1].Value))));
        var styles = policy["style-src"].Split(' ');
        Assert.Equal("'self'", styles[0]);
        Assert.Contains($"'sha256-{hash}'", styles);
        Assert.All(styles.Skip(1), s => Assert.StartsWith("'sha256-", s, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response)
    {
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var header = response.Headers.GetValues("Content-Security-Policy").Single();
        return header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<(?:script|link)[^>]*\b(?:src|href)=""([^""]+)""")]
    private static partial Regex ScriptOrStyleSource();

    [GeneratedRegex(@"<script src=""(/hangfire/js[^""]+)""")]
    private static partial Regex DashboardScript();

    [GeneratedRegex(@"default:""(@keyframes chartjs-render-animation[^""]*)""")]
    private static partial Regex ChartCss();
}
