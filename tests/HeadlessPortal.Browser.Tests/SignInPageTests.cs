using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeadlessPortal.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HeadlessPortal.Browser.Tests;

/// <summary>
/// The hosted sign-in page in Chromium: a front-end app registered for the company's site sends the customer to
/// /oauth/authorize with PKCE, the customer signs in on the page, and the app gets a code it exchanges for tokens.
/// </summary>
public sealed class SignInPageTests(WidgetWorld world, ITestOutputHelper output) : IClassFixture<WidgetWorld>
{
    private const string Email = "pat@example.com";
    private const string Password = "demo-portal-password";

    private async Task<(string ClientId, string Callback)> AppAsync()
    {
        // The app's page the customer comes back to, on the company's site.
        var callback = world.Site.Page("Signed in", string.Empty, "<p>Welcome back.</p>");
        var app = await WidgetWorld.ReadAsync(await world.Office.PostAsJsonAsync("v1/admin/oauth-apps", new
        {
            name = "Company website", clientType = "public", redirectUris = new[] { callback }, allowedOrigins = new[] { world.Site.Origin },
        }));
        return (app["clientId"]!.GetValue<string>(), callback);
    }

    private string AuthorizeUrl(string clientId, string callback, string verifier) =>
        world.Api.Address + "/oauth/authorize?response_type=code&scope=offline_access&state=st-1" +
        $"&client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(callback)}" +
        $"&code_challenge={Challenge(verifier)}&code_challenge_method=S256";

    [Fact]
    public async Task ACustomer_SignsInOnTheHostedPage_UnderItsOwnPolicy_AndTheAppExchangesTheCodeForTokensThePortalAccepts()
    {
        var (clientId, callback) = await AppAsync();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

        string? code = null;
        await BrowserSession.RunAsync(world.Chromium, output, nameof(ACustomer_SignsInOnTheHostedPage_UnderItsOwnPolicy_AndTheAppExchangesTheCodeForTokensThePortalAccepts), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(AuthorizeUrl(clientId, callback, verifier));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demo Heating & Air Customer Portal");

            // A wrong password: a message that does not say whether the account exists; the page stays.
            await page.GetByLabel("Email").FillAsync(Email);
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
            Assert.StartsWith(world.Api.Address, page.Url, StringComparison.Ordinal);

            await page.GetByLabel("Email").FillAsync(Email);
            await page.GetByLabel("Password").FillAsync(Password);
            var back = page.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await back;
            await Assertions.Expect(page.GetByText("Welcome back.")).ToBeVisibleAsync();
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
            Assert.Equal("st-1", query["state"]);
            code = query["code"];

            // Nothing the page loads is blocked by its policy, and it runs no script.
            Assert.DoesNotContain(session.Console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        });

        var http = world.Api.Http();
        var tokens = await WidgetWorld.ReadAsync(await http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code!, ["redirect_uri"] = callback, ["client_id"] = clientId, ["code_verifier"] = verifier,
        })));
        var me = new HttpRequestMessage(HttpMethod.Get, "v1/portal/me");
        me.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        me.Headers.Add("X-Portal-Key", world.Key);
        Assert.Equal(Email, (await WidgetWorld.ReadAsync(await http.SendAsync(me)))["email"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"]?.GetValue<string>()));
    }

    [Fact]
    public async Task ACustomer_SignsInWithAMagicLinkAskedForOnThePage_OpenedInTheSameBrowser()
    {
        var (clientId, callback) = await AppAsync();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

        string? code = null;
        await BrowserSession.RunAsync(world.Chromium, output, nameof(ACustomer_SignsInWithAMagicLinkAskedForOnThePage_OpenedInTheSameBrowser), async session =>
        {
            var page = session.Page;
            var asked = DateTime.UtcNow;
            await page.GotoAsync(AuthorizeUrl(clientId, callback, verifier));
            await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
            await page.GetByLabel("Email").FillAsync(Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Open it in this browser");

            // The customer opens the emailed link in the same browser (a new tab, as a mail program would).
            var mail = await world.Api.WaitForEmailAsync(Email, t => t.Contains("hp_token=", StringComparison.Ordinal) && t.Contains(clientId, StringComparison.Ordinal));
            var link = Regex.Match(mail, @"https?://\S*/oauth/authorize\?\S*hp_token=[A-Za-z0-9_\-%]+").Value;
            Assert.StartsWith(world.Api.Address, link, StringComparison.Ordinal);
            var tab = await page.Context.NewPageAsync();
            await tab.GotoAsync(link);
            await tab.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal));
            await Assertions.Expect(tab.GetByText("Welcome back.")).ToBeVisibleAsync();
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(tab.Url).Query);
            Assert.Equal("st-1", query["state"]);
            code = query["code"];
        });

        var tokens = await ExchangeAsync(clientId, callback, verifier, code!);
        Assert.Equal(Email, (await MeAsync(tokens))["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACustomer_SignsInWithTheLinkFromAnInvoiceAndThePhonesLastFourDigits()
    {
        var (clientId, callback) = await AppAsync();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        Assert.True((await world.Office.PutAsJsonAsync("v1/admin/customers/browser-link-1", new
        {
            kind = "residential", name = "Robin Linkfield", emails = Array.Empty<string>(), phones = new[] { new { number = "+15555550187", label = "mobile", smsOptOut = false } },
        })).IsSuccessStatusCode);
        var portalLink = (await WidgetWorld.ReadAsync(await world.Office.PostAsync("v1/admin/customers/browser-link-1/portal-link", null)))["url"]!.GetValue<string>();

        string? code = null;
        await BrowserSession.RunAsync(world.Chromium, output, nameof(ACustomer_SignsInWithTheLinkFromAnInvoiceAndThePhonesLastFourDigits), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(AuthorizeUrl(clientId, callback, verifier));
            await page.GetByRole(AriaRole.Button, new() { Name = "Use the link from your invoice or text" }).ClickAsync();
            await page.GetByLabel("Portal link").FillAsync(portalLink);
            await page.GetByLabel("Last four digits of your phone number").FillAsync("0187");
            var back = page.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await back;
            code = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["code"];
        });

        var tokens = await ExchangeAsync(clientId, callback, verifier, code!);
        Assert.NotNull((await MeAsync(tokens))["customers"]);
    }

    [Fact]
    public async Task TheSignInPage_PassesAnAxeCoreCheck_WithNoSeriousOrCriticalViolations_WithEveryMethodShown()
    {
        var (clientId, callback) = await AppAsync();

        await BrowserSession.RunAsync(world.Chromium, output, nameof(TheSignInPage_PassesAnAxeCoreCheck_WithNoSeriousOrCriticalViolations_WithEveryMethodShown), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(AuthorizeUrl(clientId, callback, Base64Url(RandomNumberGenerator.GetBytes(32))));
            await page.GetByLabel("Email").FillAsync(Email);
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the link from your invoice or text" })).ToBeVisibleAsync();
            await WidgetWorld.AssertAccessibleAsync(page, output);

            // The portal-link form, reached from the keyboard alone, with an error shown.
            await page.GetByRole(AriaRole.Button, new() { Name = "Use the link from your invoice or text" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.GetByLabel("Portal link").FillAsync("pl_not-a-real-link");
            await page.GetByLabel("Last four digits of your phone number").FillAsync("1234");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            await WidgetWorld.AssertAccessibleAsync(page, output);
        });
    }

    private async Task<JsonNode> ExchangeAsync(string clientId, string callback, string verifier, string code) =>
        await WidgetWorld.ReadAsync(await world.Api.Http().PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = callback, ["client_id"] = clientId, ["code_verifier"] = verifier,
        })));

    private async Task<JsonNode> MeAsync(JsonNode tokens)
    {
        var me = new HttpRequestMessage(HttpMethod.Get, "v1/portal/me");
        me.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        me.Headers.Add("X-Portal-Key", world.Key);
        return await WidgetWorld.ReadAsync(await world.Api.Http().SendAsync(me));
    }

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
