using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace HeadlessPortal.Api.Tests.OAuth;

/// <summary>
/// The authorization code flow with PKCE over HTTP, as a front-end app and a browser drive it: the hosted sign-in page,
/// its form with the anti-forgery token and cookie, the redirect with the code, the exchange, refresh and revocation.
/// </summary>
[Collection(ApiCollection.SignIn)]
public sealed partial class AuthorizationCodeFlowTests(ApiHosts hosts)
{
    private const string Password = "correct horse battery staple";
    private const string Callback = "https://app.example.com/callback";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CodeWithPkce_WhenUserSignsInOnTheHostedPage_GivesTokensThePortalApiAccepts(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);

        var code = await flow.SignInAsync(flow.Email, Password);
        var tokens = await flow.ExchangeAsync(code, flow.Verifier);

        var access = tokens["access_token"]!.GetValue<string>();
        var jwt = new JsonWebToken(access);
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("portal", jwt.GetClaim("token_use").Value);
        Assert.Equal(flow.Tenant.Admin.TenantId.ToString(), jwt.GetClaim("tid").Value);
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"]?.GetValue<string>()));
        var me = await AdminSession.ExpectAsync(await flow.Tenant.Portal(access).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Equal(flow.Email, me["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task HostedPage_IsBrandedCsrfProtectedAndLoadsNothingFromElsewhere()
    {
        var flow = await Flow.StartAsync(hosts[TestDb.Sqlite]);

        var page = await flow.Browser.GetAsync(flow.AuthorizeUrl());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' https://app.example.com", csp, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">Email</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Password</label>", html, StringComparison.Ordinal);
        Assert.Contains("Request an invitation", html, StringComparison.Ordinal);
        Assert.Contains("Forgot your password?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);

        // A post without the anti-forgery token is refused, and signs nobody in.
        var forged = await flow.Browser.PostAsync(flow.AuthorizeUrl(), new FormUrlEncodedContent(Flow.Fields(html).Where(f => f.Key != "__RequestVerificationToken")
            .Append(new("email", flow.Email)).Append(new("password", Password))));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
    }

    [Fact]
    public async Task HostedPage_WhenPasswordIsWrongOrAccountUnknown_AnswersTheSameWithoutSayingWhich()
    {
        var flow = await Flow.StartAsync(hosts[TestDb.Sqlite]);

        var wrong = await flow.PostSignInAsync(flow.Email, "not the password");
        var unknown = await flow.PostSignInAsync(PortalTenant.UniqueEmail(), "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(ErrorIn(await wrong.Content.ReadAsStringAsync()), ErrorIn(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Exchange_WithTheWrongVerifier_IsInvalidGrant()
    {
        var flow = await Flow.StartAsync(hosts[TestDb.Sqlite]);
        var code = await flow.SignInAsync(flow.Email, Password);

        var response = await flow.PostTokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Callback), ("code_verifier", Flow.NewVerifier()));

        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(response, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Exchange_WhenTheCodeIsUsedTwice_IsInvalidGrantAndRevokesWhatTheFirstUseGave(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var code = await flow.SignInAsync(flow.Email, Password);
        var first = await flow.ExchangeAsync(code, flow.Verifier);

        var again = await flow.PostTokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Callback), ("code_verifier", flow.Verifier));

        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(again, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
        var refresh = await flow.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", first["refresh_token"]!.GetValue<string>()));
        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(refresh, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_WithAnUnregisteredRedirectUriOrAPlainChallenge_NeverRedirects()
    {
        var flow = await Flow.StartAsync(hosts[TestDb.Sqlite]);

        var elsewhere = await flow.Browser.GetAsync(flow.AuthorizeUrl(redirectUri: "https://evil.example/callback"));
        var prefix = await flow.Browser.GetAsync(flow.AuthorizeUrl(redirectUri: Callback + "/more"));
        var plain = await flow.Browser.GetAsync(flow.AuthorizeUrl(method: "plain", challenge: flow.Verifier));
        var none = await flow.Browser.GetAsync(flow.AuthorizeUrl(challenge: null));

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Null(elsewhere.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, prefix.StatusCode);
        Assert.Null(prefix.Headers.Location);

        // A plain or missing challenge never reaches the sign-in page: the token server answers with an error, here or
        // (for a registered redirect URI) back at the app, never with a code.
        foreach (var refused in new[] { plain, none })
        {
            Assert.DoesNotContain("<form", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            if (refused.Headers.Location is { } location)
            {
                Assert.Contains("error=invalid_request", location.Query, StringComparison.Ordinal);
                Assert.DoesNotContain("code=", location.Query, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Refresh_RotatesTheToken_AndReusingASpentOneRevokesTheFamilyAndEndsItsPortalSession(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var first = await flow.ExchangeAsync(await flow.SignInAsync(flow.Email, Password), flow.Verifier);
        var spent = first["refresh_token"]!.GetValue<string>();

        var second = await AdminSession.ExpectAsync(await flow.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", spent)), HttpStatusCode.OK);
        var current = second["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(spent, current);
        Assert.Equal(HttpStatusCode.OK, (await flow.Tenant.Portal(second["access_token"]!.GetValue<string>()).GetAsync("/v1/portal/me")).StatusCode);

        var reused = await flow.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", spent));

        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(reused, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
        var afterReuse = await flow.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", current));
        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(afterReuse, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());

        // The access tokens already issued for that sign-in stop working at once: its session has ended.
        await (await flow.Tenant.Portal(second["access_token"]!.GetValue<string>()).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await flow.Tenant.Portal(first["access_token"]!.GetValue<string>()).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Refresh_WhenTheUserSignedOutEverywhere_IsInvalidGrant(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var tokens = await flow.ExchangeAsync(await flow.SignInAsync(flow.Email, Password), flow.Verifier);

        Assert.Equal(HttpStatusCode.NoContent, (await flow.Tenant.Portal(tokens["access_token"]!.GetValue<string>()).PostAsync("/v1/portal/auth/sign-out-everywhere", null)).StatusCode);

        var refresh = await flow.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"]!.GetValue<string>()));
        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(refresh, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Revoke_ARefreshToken_MakesItUnusable_AndEndsItsPortalSession(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var tokens = await flow.ExchangeAsync(await flow.SignInAsync(flow.Email, Password), flow.Verifier);
        var refresh = tokens["refresh_token"]!.GetValue<string>();
        var access = tokens["access_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await flow.Tenant.Portal(access).GetAsync("/v1/portal/me")).StatusCode);

        // Another sign-in of the same user is another session, which stays open.
        var other = await flow.ExchangeAsync(await flow.SignInAsync(flow.Email, Password), flow.Verifier);

        var revoked = await flow.Browser.PostAsync("/oauth/revoke", new FormUrlEncodedContent(
            [new("token", refresh), new("token_type_hint", "refresh_token"), new("client_id", flow.ClientId)]));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var after = await flow.PostTokenAsync(("grant_type", "refresh_token"), ("refresh_token", refresh));
        Assert.Equal("invalid_grant", (await AdminSession.ExpectAsync(after, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
        await (await flow.Tenant.Portal(access).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await flow.Tenant.Portal(other["access_token"]!.GetValue<string>()).GetAsync("/v1/portal/me")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalToken_FromOneTenantsApp_IsRefusedWithAnotherTenantsKey(TestDb engine)
    {
        var flow = await Flow.StartAsync(hosts[engine]);
        var other = await PortalTenant.CreateAsync(hosts[engine]);
        var access = (await flow.ExchangeAsync(await flow.SignInAsync(flow.Email, Password), flow.Verifier))["access_token"]!.GetValue<string>();

        var response = await other.Portal(access).GetAsync("/v1/portal/me");

        await response.AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task TokenEndpoint_FromTheBrowser_IsReadableOnlyFromTheAppsRegisteredOrigins()
    {
        var flow = await Flow.StartAsync(hosts[TestDb.Sqlite]);
        var tokens = await flow.ExchangeAsync(await flow.SignInAsync(flow.Email, Password), flow.Verifier);

        async Task<HttpResponseMessage> RefreshFromAsync(string origin, string refreshToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("client_id", flow.ClientId)]),
            };
            request.Headers.Add("Origin", origin);
            return await flow.Browser.SendAsync(request);
        }

        var registered = await RefreshFromAsync("https://app.example.com", tokens["refresh_token"]!.GetValue<string>());
        Assert.Equal("https://app.example.com", registered.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var next = (await AdminSession.ExpectAsync(registered, HttpStatusCode.OK))["refresh_token"]!.GetValue<string>();

        var stranger = await RefreshFromAsync("https://evil.example", next);
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task OAuthApps_AreManagedPerTenant_AndAConfidentialSecretIsShownOnce()
    {
        var tenant = await PortalTenant.CreateAsync(hosts[TestDb.Sqlite]);
        var other = await PortalTenant.CreateAsync(hosts[TestDb.Sqlite]);

        var created = await AdminSession.ExpectAsync(await tenant.Admin.Client.PostAsJsonAsync("/v1/admin/oauth-apps", new
        {
            name = "Office server", clientType = "confidential", redirectUris = new[] { Callback }, allowedOrigins = Array.Empty<string>(),
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        Assert.StartsWith("hpa_", created["clientSecret"]!.GetValue<string>(), StringComparison.Ordinal);

        var read = await AdminSession.ExpectAsync(await tenant.Admin.Client.GetAsync($"/v1/admin/oauth-apps/{id}"), HttpStatusCode.OK);
        Assert.Null(read["clientSecret"]);
        await (await other.Admin.Client.GetAsync($"/v1/admin/oauth-apps/{id}")).AssertProblemAsync(404, "not_found");
        var updated = await AdminSession.ExpectAsync(await tenant.Admin.Client.PutAsJsonAsync($"/v1/admin/oauth-apps/{id}", new
        {
            name = "Office server", redirectUris = new[] { Callback, "https://app.example.com/other" }, allowedOrigins = new[] { "https://app.example.com" },
        }), HttpStatusCode.OK);
        Assert.Equal(2, updated["redirectUris"]!.AsArray().Count);
        await (await tenant.Admin.Client.PostAsJsonAsync("/v1/admin/oauth-apps", new { name = "Bad", clientType = "public", redirectUris = new[] { "http://example.com/cb" } }))
            .AssertProblemAsync(400, "validation_failed");

        Assert.Equal(HttpStatusCode.OK, (await tenant.Admin.Client.DeleteAsync($"/v1/admin/oauth-apps/{id}")).StatusCode);
        await (await tenant.Admin.Client.GetAsync($"/v1/admin/oauth-apps/{id}")).AssertProblemAsync(404, "not_found");
    }

    private static string? ErrorIn(string html) => ErrorPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<p class=\"error\"[^>]*>([^<]*)</p>")]
    private static partial Regex ErrorPattern();

    /// <summary>One front-end app of a fresh tenant, one portal user, and a browser that keeps cookies and stops at redirects.</summary>
    private sealed partial class Flow
    {
        private Flow(PortalTenant tenant, string clientId, string email, HttpClient browser)
        {
            Tenant = tenant;
            ClientId = clientId;
            Email = email;
            Browser = browser;
        }

        public PortalTenant Tenant { get; }

        public string ClientId { get; }

        public string Email { get; }

        public HttpClient Browser { get; }

        public string Verifier { get; } = NewVerifier();

        public static async Task<Flow> StartAsync(ApiFactory factory, params string[] signInMethods)
        {
            var tenant = await PortalTenant.CreateAsync(factory, signInMethods);
            var email = PortalTenant.UniqueEmail();
            await tenant.CustomerAsync("c-1", "Jane Homeowner");
            await tenant.ContactAsync("con-1", "c-1", email);
            await tenant.InviteAndAcceptAsync("con-1", email, Password);
            var app = await AdminSession.ExpectAsync(await tenant.Admin.Client.PostAsJsonAsync("/v1/admin/oauth-apps", new
            {
                name = "Company website", clientType = "public", redirectUris = new[] { Callback }, allowedOrigins = new[] { "https://app.example.com" },
            }), HttpStatusCode.Created);
            var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            return new Flow(tenant, app["clientId"]!.GetValue<string>(), email, browser);
        }

        public static string NewVerifier() => Base64UrlEncoder(RandomNumberGenerator.GetBytes(32));

        public static IEnumerable<KeyValuePair<string, string>> Fields(string html) =>
            HiddenField().Matches(html[..html.IndexOf("</form>", StringComparison.Ordinal)])
                .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
                .Where(f => f.Key != "hp_action");

        public string AuthorizeUrl(string redirectUri = Callback, string? method = "S256", string? challenge = "") =>
            "/oauth/authorize?response_type=code&scope=offline_access&state=xyz" +
            $"&client_id={Uri.EscapeDataString(ClientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
            (challenge is null ? string.Empty : $"&code_challenge={Uri.EscapeDataString(challenge.Length == 0 ? Challenge(Verifier) : challenge)}&code_challenge_method={method}");

        public async Task<HttpResponseMessage> PostSignInAsync(string email, string password)
        {
            var page = await Browser.GetAsync(AuthorizeUrl());
            var html = await page.Content.ReadAsStringAsync();
            return await Browser.PostAsync(AuthorizeUrl(), new FormUrlEncodedContent(
                Fields(html).Append(new("hp_action", "password")).Append(new("email", email)).Append(new("password", password))));
        }

        /// <summary>Posts a form of the page <paramref name="html"/> (its hidden fields, then <paramref name="fields"/>).</summary>
        public Task<HttpResponseMessage> PostFormAsync(string html, params (string Key, string Value)[] fields) =>
            Browser.PostAsync(AuthorizeUrl(), new FormUrlEncodedContent(
                Fields(html).Concat(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)))));

        public async Task<string> SignInAsync(string email, string password)
        {
            var response = await PostSignInAsync(email, password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.StartsWith(Callback + "?", location.ToString(), StringComparison.Ordinal);
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
            Assert.Equal("xyz", query["state"].ToString());
            return query["code"].ToString();
        }

        public Task<HttpResponseMessage> PostTokenAsync(params (string Key, string Value)[] fields) =>
            Browser.PostAsync("/oauth/token", new FormUrlEncodedContent(fields.Append((Key: "client_id", Value: ClientId)).Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));

        public async Task<JsonNode> ExchangeAsync(string code, string verifier) =>
            await AdminSession.ExpectAsync(
                await PostTokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Callback), ("code_verifier", verifier)),
                HttpStatusCode.OK);

        private static string Challenge(string verifier) => Base64UrlEncoder(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

        private static string Base64UrlEncoder(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
        private static partial Regex HiddenField();
    }
}
