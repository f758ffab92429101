using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    public async Task TheSignInPage_PassesAnAxeCoreCheck_WithNoSeriousOrCriticalViolations()
    {
        var (clientId, callback) = await AppAsync();

        await BrowserSession.RunAsync(world.Chromium, output, nameof(TheSignInPage_PassesAnAxeCoreCheck_WithNoSeriousOrCriticalViolations), async session =>
        {
            var page = session.Page;
            await page.GotoAsync(AuthorizeUrl(clientId, callback, Base64Url(RandomNumberGenerator.GetBytes(32))));
            await page.GetByLabel("Email").FillAsync(Email);
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();

            await WidgetWorld.AssertAccessibleAsync(page, output);
        });
    }

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
