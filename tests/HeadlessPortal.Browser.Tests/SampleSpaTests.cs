using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeadlessPortal.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HeadlessPortal.Browser.Tests;

/// <summary>
/// The sample single-page front end (samples/spa, its committed build in site/) served from the company's origin: it
/// signs pat in with PKCE on the hosted sign-in page and lists pat's invoices through the client generated from the contract.
/// </summary>
public sealed class SampleSpaTests(WidgetWorld world, ITestOutputHelper output) : IClassFixture<WidgetWorld>
{
    [Fact]
    public async Task TheSample_SignsPatInWithPkce_AndListsPatsInvoices()
    {
        var app = await WidgetWorld.ReadAsync(await world.Office.PostAsJsonAsync("v1/admin/oauth-apps", new
        {
            name = "Sample front end", clientType = "public", redirectUris = new[] { world.Site.Origin + "/spa/" }, allowedOrigins = new[] { world.Site.Origin },
        }));
        var site = Path.Combine(WidgetWorld.RepositoryRoot(), "samples", "spa", "site");
        var config = new JsonObject { ["api"] = world.Api.Address, ["key"] = world.Key, ["clientId"] = app["clientId"]!.GetValue<string>() }.ToJsonString();
        var index = Regex.Replace(await File.ReadAllTextAsync(Path.Combine(site, "index.html")), """(<script id="config" type="application/json">)[^<]*(</script>)""", m => m.Groups[1].Value + config + m.Groups[2].Value);
        Assert.Contains(config, index, StringComparison.Ordinal);
        var url = world.Site.File("/spa/", "text/html; charset=utf-8", index);
        world.Site.File("/spa/app.js", "text/javascript; charset=utf-8", await File.ReadAllTextAsync(Path.Combine(site, "app.js")));
        world.Site.File("/spa/app.css", "text/css; charset=utf-8", await File.ReadAllTextAsync(Path.Combine(site, "app.css")));

        await BrowserSession.RunAsync(world.Chromium, output, nameof(TheSample_SignsPatInWithPkce_AndListsPatsInvoices), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(url);
            var authorize = page.WaitForRequestAsync(r => r.Url.StartsWith(world.Api.Address + "/oauth/authorize?", StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            Assert.Contains("code_challenge_method=S256", (await authorize).Url, StringComparison.Ordinal);
            await page.GetByLabel("Email").FillAsync("pat@example.com");
            await page.GetByLabel("Password").FillAsync("demo-portal-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Signed in as pat@example.com.");
            var table = page.GetByRole(AriaRole.Table, new() { Name = "Your invoices" });
            await Assertions.Expect(table).ToBeVisibleAsync();
            Assert.Equal(url, page.Url);

            var expected = await PatsInvoiceNumbersAsync();
            Assert.NotEmpty(expected);
            await Assertions.Expect(table.Locator("tbody th")).ToHaveTextAsync([.. expected]);
            Assert.DoesNotContain(session.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));
        });
    }

    /// <summary>Pat's invoice numbers as the portal API lists them to pat (a password sign-in over HTTP).</summary>
    private async Task<List<string>> PatsInvoiceNumbersAsync()
    {
        using var portal = world.Api.Http();
        portal.DefaultRequestHeaders.Add("X-Portal-Key", world.Key);
        var session = await WidgetWorld.ReadAsync(await portal.PostAsJsonAsync("v1/portal/auth/sign-in", new { email = "pat@example.com", password = "demo-portal-password" }));
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session["accessToken"]!.GetValue<string>());
        var invoices = await WidgetWorld.ReadAsync(await portal.GetAsync("v1/portal/invoices?limit=50"));
        return [.. invoices["data"]!.AsArray().Select(i => i!["number"]!.GetValue<string>())];
    }
}
