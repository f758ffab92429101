using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace HeadlessPortal.Api.Tests.OAuth;

/// <summary>
/// The hosted sign-in page's methods over HTTP: it offers exactly the tenant's, a magic link asked for on it completes the
/// authorization in the browser that asked (and only there), a portal link with the phone's last four digits signs in, and
/// the tenant's logo is the one image its policy allows.
/// </summary>
public sealed partial class AuthorizationCodeFlowTests
{
    [Fact]
    public async Task HostedPage_OffersExactlyTheTenantsSignInMethods()
    {
        var magicOnly = await Flow.StartAsync(hosts[TestDb.Sqlite], "magicLink");
        var html = await (await magicOnly.Browser.GetAsync(magicOnly.AuthorizeUrl())).Content.ReadAsStringAsync();
        Assert.Contains("<h2>Sign in with a link</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Forgot your password?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("last_four", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with your password", html, StringComparison.Ordinal);

        var all = await Flow.StartAsync(hosts[TestDb.Sqlite]);
        html = await (await all.Browser.GetAsync(all.AuthorizeUrl())).Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"password\">Password</label>", html, StringComparison.Ordinal);
        Assert.Contains("Email me a sign-in link", html, StringComparison.Ordinal);
        Assert.Contains("Use the link from your invoice or text", html, StringComparison.Ordinal);
        var portalLinkView = await all.PostFormAsync(html, ("hp_action", "show"), ("view", "portal-link"));
        var portalLinkHtml = await portalLinkView.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"portal_link\">Portal link</label>", portalLinkHtml, StringComparison.Ordinal);
        Assert.Contains("<label for=\"last_four\">Last four digits of your phone number</label>", portalLinkHtml, StringComparison.Ordinal);

        // A form of a method the tenant does not offer is refused, and asks for no email.
        var passwordOnly = await Flow.StartAsync(hosts[TestDb.Sqlite], "password");
        html = await (await passwordOnly.Browser.GetAsync(passwordOnly.AuthorizeUrl())).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Email me a sign-in link", html, StringComparison.Ordinal);
        var refused = await passwordOnly.PostFormAsync(html, ("hp_action", "magic"), ("email", passwordOnly.Email));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("That way of signing in is not offered here.", ErrorIn(await refused.Content.ReadAsStringAsync()));
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("hp_magic=", StringComparison.Ordinal)));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MagicLink_AskedForOnTheHostedPage_CompletesTheAuthorizationInTheBrowserThatAsked_AndNowhereElse(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var html = await (await flow.Browser.GetAsync(flow.AuthorizeUrl())).Content.ReadAsStringAsync();

        var asked = await flow.PostFormAsync(html, ("hp_action", "magic"), ("email", flow.Email));
        var unknown = await flow.PostFormAsync(html, ("hp_action", "magic"), ("email", PortalTenant.UniqueEmail()));

        // The same answer whether or not the address is known.
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(NoticeIn(await asked.Content.ReadAsStringAsync()), NoticeIn(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains("Open it in this browser", NoticeIn(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var mail = await flow.Tenant.Factory.Mailbox.WaitForAsync(flow.Email, e => e.Text.Contains("hp_token=", StringComparison.Ordinal));
        var link = new Uri(SignInLink().Match(mail.Text).Value);
        Assert.Equal("/oauth/authorize", link.AbsolutePath);
        var query = QueryHelpers.ParseQuery(link.Query);
        Assert.Equal(flow.ClientId, query["client_id"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
        Assert.DoesNotContain("__RequestVerificationToken", link.Query, StringComparison.Ordinal);

        // Opened in another browser (no binding cookie, or one made up from the link): refused, and the link is not spent.
        using var other = flow.Tenant.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var elsewhere = await other.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Null(elsewhere.Headers.Location);
        Assert.StartsWith("Open this link in the browser where you asked for it.", ErrorIn(await elsewhere.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var forged = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        forged.Headers.Add("Cookie", "hp_magic=" + query["hp_binding"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.SendAsync(forged)).StatusCode);

        // Opened in the browser that asked: back at the app with a code, exchanged for tokens the portal accepts.
        var back = await flow.Browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(Callback + "?", back.Headers.Location!.ToString(), StringComparison.Ordinal);
        var answer = QueryHelpers.ParseQuery(back.Headers.Location.Query);
        Assert.Equal("xyz", answer["state"].ToString());
        var tokens = await flow.ExchangeAsync(answer["code"].ToString(), flow.Verifier);
        var me = await AdminSession.ExpectAsync(await flow.Tenant.Portal(tokens["access_token"]!.GetValue<string>()).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Equal(flow.Email, me["email"]!.GetValue<string>());

        // Spent: opening it again signs nobody in.
        var again = await flow.Browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Null(again.Headers.Location);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalLink_OnTheHostedPage_SignsInWithThePhonesLastFourDigits(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var url = (await AdminSession.ExpectAsync(await flow.Tenant.Admin.Client.PostAsync("/v1/admin/customers/c-1/portal-link", null), HttpStatusCode.OK))["url"]!.GetValue<string>();
        var html = await (await flow.Browser.GetAsync(flow.AuthorizeUrl())).Content.ReadAsStringAsync();

        var wrong = await flow.PostFormAsync(html, ("hp_action", "portal-link"), ("portal_link", url), ("last_four", "9999"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.StartsWith("Those digits do not match", ErrorIn(wrongHtml), StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(url), wrongHtml, StringComparison.Ordinal);
        var notDigits = await flow.PostFormAsync(html, ("hp_action", "portal-link"), ("portal_link", url), ("last_four", "12"));
        Assert.Equal("Enter four digits.", ErrorIn(await notDigits.Content.ReadAsStringAsync()));

        // The whole link as pasted, or only its token; the customer's phone is +15555550123.
        var signedIn = await flow.PostFormAsync(html, ("hp_action", "portal-link"), ("portal_link", url), ("last_four", "0123"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var answer = QueryHelpers.ParseQuery(signedIn.Headers.Location!.Query);
        var tokens = await flow.ExchangeAsync(answer["code"].ToString(), flow.Verifier);
        Assert.Equal(HttpStatusCode.OK, (await flow.Tenant.Portal(tokens["access_token"]!.GetValue<string>()).GetAsync("/v1/portal/me")).StatusCode);
        Assert.Equal("link:", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["access_token"]!.GetValue<string>()).Subject[..5]);

        var byToken = await flow.PostFormAsync(html, ("hp_action", "portal-link"), ("portal_link", PortalTenant.TokenIn(url)), ("last_four", "0123"));
        Assert.Equal(HttpStatusCode.Redirect, byToken.StatusCode);
    }

    [Fact]
    public async Task HostedPage_ShowsTheTenantsLogo_TheOnlyImageItsPolicyAllows()
    {
        var flow = await Flow.StartAsync(hosts[TestDb.Sqlite]);
        var (settings, etag) = await flow.Tenant.Admin.GetSettingsAsync();
        settings["branding"] = new JsonObject { ["displayName"] = "Acme Portal", ["logoUrl"] = "https://cdn.acme.example/brand/logo.png?v=2", ["primaryColor"] = "#112233" };
        await AdminSession.ExpectAsync(await flow.Tenant.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        var page = await flow.Browser.GetAsync(flow.AuthorizeUrl());

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<img class=\"logo\" src=\"https://cdn.acme.example/brand/logo.png?v=2\" alt=\"\" referrerpolicy=\"no-referrer\">", html, StringComparison.Ordinal);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src https://cdn.acme.example/brand/logo.png;", csp, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("https://cdn.acme.example/logo.png", "https://cdn.acme.example/logo.png")]
    [InlineData("https://cdn.acme.example:8443/a/logo.svg?x=1#top", "https://cdn.acme.example:8443/a/logo.svg")]
    [InlineData("https://cdn.acme.example/brand/", null)]
    [InlineData("https://cdn.acme.example/a;b.png", null)]
    [InlineData("https://cdn.acme.example/a,b.png", null)]
    [InlineData("http://cdn.acme.example/logo.png", null)]
    [InlineData("https://user:pw@cdn.acme.example/logo.png", null)]
    [InlineData(null, null)]
    public void LogoPolicy_NamesTheLogosExactAddress_OrShowsNoLogo(string? logoUrl, string? source)
    {
        var csp = Auth.SignInPage.ContentSecurityPolicy("abc", "https://app.example.com", logoUrl);

        if (source is null)
        {
            Assert.DoesNotContain("img-src", csp, StringComparison.Ordinal);
            Assert.Null(Auth.SignInPage.Logo(logoUrl));
        }
        else
        {
            Assert.Contains($"img-src {source};", csp, StringComparison.Ordinal);
        }
    }

    private static string? NoticeIn(string html) => NoticePattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<p class=\"notice\"[^>]*>([^<]*)</p>")]
    private static partial Regex NoticePattern();

    [GeneratedRegex(@"https?://[^\s""<>]*/oauth/authorize\?[^\s""<>]*hp_token=[A-Za-z0-9_\-%]+")]
    private static partial Regex SignInLink();
}
