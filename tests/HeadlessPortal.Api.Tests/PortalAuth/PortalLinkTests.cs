using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.TestSupport;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.PortalAuth;

/// <summary>Magic links, invitation requests, password resets and customer portal links.</summary>
[Collection(ApiCollection.SignIn)]
public sealed class PortalLinkTests(ApiHosts hosts)
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MagicLink_SignsIn_Once_AndIsUselessInAnotherTenant(TestDb engine)
    {
        var a = await PortalTenant.CreateAsync(hosts[engine]);
        var b = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        foreach (var t in new[] { a, b })
        {
            await t.CustomerAsync("c-1", "Jane Homeowner");
            await t.ContactAsync("con-1", "c-1", email);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await a.PostAsync("/v1/portal/auth/magic-link", new { email })).StatusCode);
        var token = await a.TokenFromEmailAsync(email, "/magic-link");

        // Tenant B knows the same email, but A's link means nothing there (and is not spent by trying).
        await (await b.PostAsync("/v1/portal/auth/magic-link/redeem", new { token })).AssertProblemAsync(422, "invalid_link");

        var tokens = await AdminSession.ExpectAsync(await a.PostAsync("/v1/portal/auth/magic-link/redeem", new { token }), HttpStatusCode.OK);
        var me = await AdminSession.ExpectAsync(await a.Portal(tokens["accessToken"]!.GetValue<string>()).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Equal(email, me["email"]!.GetValue<string>());
        await (await a.PostAsync("/v1/portal/auth/magic-link/redeem", new { token })).AssertProblemAsync(422, "invalid_link");
        await (await a.PostAsync("/v1/portal/auth/magic-link/redeem", new { token = "pt_made-up" })).AssertProblemAsync(422, "invalid_link");

        // The magic-link account has no password: password sign-in fails like any other failure.
        await (await a.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password })).AssertProblemAsync(401, "invalid_credentials");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task LinkRequests_AnswerTheSameForKnownAndUnknownEmails_AndMailOnlyTheKnown(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var known = PortalTenant.UniqueEmail("known");
        var unknown = PortalTenant.UniqueEmail("unknown");
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", known);

        foreach (var path in new[] { "/v1/portal/auth/magic-link", "/v1/portal/auth/invitations/request", "/v1/portal/auth/password-reset" })
        {
            var forKnown = await t.PostAsync(path, new { email = known });
            var forUnknown = await t.PostAsync(path, new { email = unknown });
            Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
            Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
            Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
            Assert.Equal(forKnown.Content.Headers.ContentType?.ToString(), forUnknown.Content.Headers.ContentType?.ToString());
        }

        await t.TokenFromEmailAsync(known, "/magic-link");
        var invitation = await t.TokenFromEmailAsync(known, "/accept-invitation");
        await t.TokenFromEmailAsync(known, "/reset-password");
        Assert.DoesNotContain(t.Factory.Mailbox.All(), m => m.To == unknown);

        // The requested invitation works like one the office sent.
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = invitation, password = Password }), HttpStatusCode.OK);
        await (await t.PostAsync("/v1/portal/auth/magic-link", new { email = "not an email" })).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PasswordReset_SetsTheNewPassword_AndEndsEverySession(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var old = await t.InviteAndAcceptAsync("con-1", email, Password);

        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/password-reset", new { email })).StatusCode);
        var token = await t.TokenFromEmailAsync(email, "/reset-password");
        await (await t.PostAsync("/v1/portal/auth/password-reset/confirm", new { token, password = "12345678" })).AssertProblemAsync(422, "invalid_password");
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/password-reset/confirm", new { token, password = "new and improved secret" }), HttpStatusCode.OK);

        await (await t.Portal(old["accessToken"]!.GetValue<string>()).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password })).AssertProblemAsync(401, "invalid_credentials");
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = "new and improved secret" }), HttpStatusCode.OK);
        await (await t.PostAsync("/v1/portal/auth/password-reset/confirm", new { token, password = "another new secret" })).AssertProblemAsync(422, "invalid_link");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalLink_SignsInToItsCustomer_WithPhoneDigits_AndFiveWrongTriesLockIt(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        await t.CustomerAsync("c-1", "Jane Homeowner", phone: "+15555550187");
        await t.CustomerAsync("c-2", "Someone Else", phone: "+15555550999");
        var link = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/customers/c-1/portal-link", null), HttpStatusCode.OK);
        var url = link["url"]!.GetValue<string>();
        Assert.StartsWith($"https://{t.Admin.HostName}.", url, StringComparison.Ordinal);
        var token = PortalTenant.TokenIn(url);

        var signedIn = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0187" }), HttpStatusCode.OK);
        var me = await AdminSession.ExpectAsync(await t.Portal(signedIn["accessToken"]!.GetValue<string>()).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Null(me["email"]);
        var only = Assert.Single(me["customers"]!.AsArray());
        Assert.Equal("Jane Homeowner", only!["name"]!.GetValue<string>());
        Assert.Equal("billing", only["accessLevel"]!.GetValue<string>());
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = signedIn["refreshToken"]!.GetValue<string>() }), HttpStatusCode.OK);

        for (var i = 0; i < 4; i++)
        {
            await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0999" })).AssertProblemAsync(401, "invalid_credentials");
        }

        await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0999" })).AssertProblemAsync(403, "portal_link_locked");
        await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0187" })).AssertProblemAsync(403, "portal_link_locked");
        var state = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/c-1/portal-access"), HttpStatusCode.OK);
        Assert.NotNull(state["portalLink"]!["lockedUntil"]);

        // A new link replaces the locked one; revoking it ends the sessions it started.
        var fresh = PortalTenant.TokenIn((await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/customers/c-1/portal-link", null), HttpStatusCode.OK))["url"]!.GetValue<string>());
        await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0187" })).AssertProblemAsync(422, "invalid_link");
        var again = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/portal-link", new { token = fresh, lastFour = "0187" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Admin.Client.DeleteAsync("/v1/admin/customers/c-1/portal-link")).StatusCode);
        await (await t.Portal(again["accessToken"]!.GetValue<string>()).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.PostAsync("/v1/portal/auth/portal-link", new { token = fresh, lastFour = "0187" })).AssertProblemAsync(422, "invalid_link");
        await (await t.PostAsync("/v1/portal/auth/portal-link", new { token = fresh, lastFour = "18" })).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalLink_WithoutLastFour_Is400OnLastFour_AndWrongDigitsAreToldInTheirOwnWords(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        await t.CustomerAsync("c-1", "Jane Homeowner", phone: "+15555550187");
        var token = PortalTenant.TokenIn((await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/customers/c-1/portal-link", null), HttpStatusCode.OK))["url"]!.GetValue<string>());

        var missing = await (await t.PostAsync("/v1/portal/auth/portal-link", new { token })).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(missing.FieldErrors("lastFour"));
        var nulled = await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = (string?)null })).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(nulled.FieldErrors("lastFour"));

        // Neither an email nor a password was asked for; the answer speaks of the digits, and is the same for any wrong ones.
        var wrong = await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0999" })).AssertProblemAsync(401, "invalid_credentials");
        var detail = wrong["detail"]!.GetValue<string>();
        Assert.DoesNotContain("email", detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("password", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("digits", detail, StringComparison.Ordinal);
        var otherWrong = await (await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "5555" })).AssertProblemAsync(401, "invalid_credentials");
        Assert.Equal(detail, otherWrong["detail"]!.GetValue<string>());

        // The refused requests without digits did not count against the link: two wrong tries so far, and the right digits sign in.
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/portal-link", new { token, lastFour = "0187" }), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MethodsTheTenantTurnedOff_Answer403_AndSendNothing(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine], "magicLink");
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);

        await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password })).AssertProblemAsync(403, "sign_in_method_disabled");
        await (await t.PostAsync("/v1/portal/auth/portal-link", new { token = "pl_x", lastFour = "0123" })).AssertProblemAsync(403, "sign_in_method_disabled");

        // Without passwords, an invitation signs in without one.
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null), HttpStatusCode.OK);
        var token = await t.TokenFromEmailAsync(email, "/accept-invitation");
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/invitations/accept", new { token }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/password-reset", new { email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/magic-link", new { email })).StatusCode);
        await t.TokenFromEmailAsync(email, "/magic-link");
        Assert.DoesNotContain(t.Factory.Mailbox.All(), m => m.To == email && m.Text.Contains("/reset-password", StringComparison.Ordinal));
    }
}

/// <summary>Sign-in endpoints have their own, tighter, per-IP limit.</summary>
public sealed class PortalAuthRateLimitTests
{
    [Fact]
    public async Task PortalAuthRequests_AreLimitedPerIp_WhileTheRestOfThePortalIsNot()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["RateLimits:PortalAuthPerIpPerMinute"] = "3" });
        var t = await PortalTenant.CreateAsync(factory);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/magic-link", new { email = PortalTenant.UniqueEmail() })).StatusCode);
        }

        var limited = await t.PostAsync("/v1/portal/auth/sign-in", new { email = PortalTenant.UniqueEmail(), password = "whatever it is" });
        await limited.AssertProblemAsync(429, "too_many_requests");
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await t.Portal().GetAsync("/v1/public/portal")).StatusCode);
    }

    [Fact]
    public async Task TheHostedSignInPagesForms_CountAsPortalAuthRequests()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["RateLimits:PortalAuthPerIpPerMinute"] = "3" });
        var t = await PortalTenant.CreateAsync(factory);
        var app = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsJsonAsync("/v1/admin/oauth-apps", new
        {
            name = "Company website", clientType = "public", redirectUris = new[] { "https://app.example.com/callback" }, allowedOrigins = Array.Empty<string>(),
        }), HttpStatusCode.Created);
        var url = "/oauth/authorize?response_type=code&state=s&client_id=" + Uri.EscapeDataString(app["clientId"]!.GetValue<string>()) +
                  "&redirect_uri=" + Uri.EscapeDataString("https://app.example.com/callback") + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Task<HttpResponseMessage> PostAsync() => browser.PostAsync(url, new FormUrlEncodedContent([new("email", "someone@example.com"), new("password", "not the password")]));

        // Showing the page is not limited; each form posted is.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync()).StatusCode);
        }

        await (await PostAsync()).AssertProblemAsync(429, "too_many_requests");
    }
}

public sealed class PortalLinkExpiryTests(ClockedHosts hosts) : IClassFixture<ClockedHosts>
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MagicLinks_ExpireAfterTenMinutes_AndInvitationsAfterSevenDays(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null), HttpStatusCode.OK);
        var invitation = await t.TokenFromEmailAsync(email, "/accept-invitation");
        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/magic-link", new { email })).StatusCode);
        var magic = await t.TokenFromEmailAsync(email, "/magic-link");

        hosts.Clock(engine).Advance(TimeSpan.FromMinutes(11));
        await (await t.PostAsync("/v1/portal/auth/magic-link/redeem", new { token = magic })).AssertProblemAsync(422, "invalid_link");

        hosts.Clock(engine).Advance(TimeSpan.FromDays(7));
        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = invitation, password = "correct horse battery staple" })).AssertProblemAsync(422, "invalid_link");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Maintenance_DeletesExpiredLinks_AndTheTokensOfEndedSessions_ButKeepsLiveOnes(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var live = await t.InviteAndAcceptAsync("con-1", email);
        var ended = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = "correct horse battery staple" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Portal(ended["accessToken"]!.GetValue<string>()).PostAsync("/v1/portal/auth/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/magic-link", new { email })).StatusCode);
        await t.TokenFromEmailAsync(email, "/magic-link");
        Assert.Equal((2, 2), await CountAsync(t));
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = ended["refreshToken"]!.GetValue<string>() })).AssertProblemAsync(401, "invalid_refresh_token");

        // Two days on: the magic link (10 minutes) is a day past expiry.
        hosts.Clock(engine).Advance(TimeSpan.FromDays(2));
        await RunCleanupAsync(t.Factory);
        Assert.Equal((1, 2), await CountAsync(t));
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = live["refreshToken"]!.GetValue<string>() }), HttpStatusCode.OK);

        // A month on: the live session has expired too; the session ended a month ago is deleted.
        hosts.Clock(engine).Advance(TimeSpan.FromDays(31));
        await RunCleanupAsync(t.Factory);
        Assert.Equal((0, 1), await CountAsync(t));
    }

    private static async Task RunCleanupAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var task = scope.ServiceProvider.GetServices<IMaintenanceTask>().Single(m => m.Name == "expired-portal-credentials");
        await task.RunAsync(CancellationToken.None);
    }

    /// <summary>The tenant's one-time tokens and sessions (the token server's refresh tokens go with its own pruning).</summary>
    private static async Task<(int Tokens, int Sessions)> CountAsync(PortalTenant t)
    {
        await using var scope = t.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var tenant = new TenantId(t.Admin.TenantId);
        return (
            await db.Set<PortalToken>().IgnoreQueryFilters().CountAsync(x => x.TenantId == tenant),
            await db.Set<PortalSession>().IgnoreQueryFilters().CountAsync(x => x.TenantId == tenant));
    }
}
