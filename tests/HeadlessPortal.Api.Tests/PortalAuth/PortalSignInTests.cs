using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Auth.TokenServer;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeadlessPortal.Api.Tests.PortalAuth;

/// <summary>How a homeowner gets in: invitations, passwords, refresh tokens, sessions, and "me", end to end over HTTP.</summary>
[Collection(ApiCollection.SignIn)]
public sealed class PortalSignInTests(ApiHosts hosts)
{
    private const string Password = "correct horse battery staple";

    private static string Access(JsonNode tokens) => tokens["accessToken"]!.GetValue<string>();

    private static string Refresh(JsonNode tokens) => tokens["refreshToken"]!.GetValue<string>();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task InviteAcceptSignInMeRefresh_AndReusingARotatedRefreshTokenEndsTheSession(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail("jane");
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.CustomerAsync("c-2", "Lake Cottage Association");
        await t.ContactAsync("con-1", "c-1", email);
        await t.ContactAsync("con-2", "c-2", email.ToUpperInvariant(), accessLevel: "serviceOnly");

        var before = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/c-1/portal-access"), HttpStatusCode.OK);
        Assert.Equal("none", before["contacts"]![0]!["status"]!.GetValue<string>());

        // Staff invite -> the email in the pickup directory -> accept with a password.
        var invited = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null), HttpStatusCode.OK);
        Assert.Equal("invited", invited["status"]!.GetValue<string>());
        Assert.NotNull(invited["invitedAt"]);
        var mail = await t.Factory.Mailbox.WaitForAsync(email, e => e.Text.Contains("/accept-invitation?token=", StringComparison.Ordinal));
        Assert.Contains($"https://{t.Admin.HostName}.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Jane Homeowner", mail.Text, StringComparison.Ordinal);
        var accepted = await AdminSession.ExpectAsync(
            await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = PortalTenant.TokenIn(mail.Text), password = Password }), HttpStatusCode.OK);
        Assert.Equal("Bearer", accepted["tokenType"]!.GetValue<string>());
        Assert.Equal(900, accepted["expiresIn"]!.GetValue<int>());

        var signedIn = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email = email.ToUpperInvariant(), password = Password }), HttpStatusCode.OK);
        var me = await AdminSession.ExpectAsync(await t.Portal(Access(signedIn)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Equal(email, me["email"]!.GetValue<string>());
        var customers = me["customers"]!.AsArray();
        Assert.Equal(["Jane Homeowner", "Lake Cottage Association"], customers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["billing", "serviceOnly"], customers.Select(c => c!["accessLevel"]!.GetValue<string>()));
        Assert.All(customers, c => Assert.True(Guid.TryParse(c!["id"]!.GetValue<string>(), out _)));

        var status = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/c-1/portal-access"), HttpStatusCode.OK);
        Assert.Equal("active", status["contacts"]![0]!["status"]!.GetValue<string>());
        Assert.NotNull(status["contacts"]![0]!["lastSignInAt"]);
        Assert.Equal("internal memo", status["contacts"]![0]!["memo"]!.GetValue<string>());

        // Refresh rotates the refresh token; the old one is spent.
        var refreshed = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(signedIn) }), HttpStatusCode.OK);
        Assert.NotEqual(Refresh(signedIn), Refresh(refreshed));
        await AdminSession.ExpectAsync(await t.Portal(Access(refreshed)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);

        // Presenting the spent one again ends the whole session: its newest refresh and access tokens die with it.
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(signedIn) })).AssertProblemAsync(401, "refresh_token_reused");
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(refreshed) })).AssertProblemAsync(401, "invalid_refresh_token");
        await (await t.Portal(Access(refreshed)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");

        // Other sessions of the user (the one from accepting the invitation) are untouched.
        await AdminSession.ExpectAsync(await t.Portal(Access(accepted)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ConcurrentRefreshesWithOneToken_YieldAtMostOneNewPair(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var tokens = await t.InviteAndAcceptAsync("con-1", email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(tokens) })));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SignInTokens_AreTheTokenServers_SoItsRevocationEndsTheSession_AndAnotherTenantCannotRefreshThem(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var other = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var first = await t.InviteAndAcceptAsync("con-1", email, Password);
        var second = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password }), HttpStatusCode.OK);

        // The token server recorded the refresh token it issued to the sign-in endpoints' client.
        await using (var scope = t.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = new JsonWebToken(Access(second)).Subject;
            var refreshTokens = await db.Set<TokenServerToken>().Where(x => x.Subject == userId && x.Type == OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.RefreshToken).Include(x => x.Application).ToListAsync();
            Assert.Equal(2, refreshTokens.Count);
            Assert.All(refreshTokens, x => Assert.Equal(FirstPartyClient.Id, x.Application!.ClientId));
        }

        // Another tenant's endpoint refuses the token without spending it.
        await (await other.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(first) })).AssertProblemAsync(401, "invalid_refresh_token");
        var refreshed = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(first) }), HttpStatusCode.OK);

        // Revoked at the token server's revocation endpoint (RFC 7009), as an app would: its session ends at once.
        var revoked = await t.Factory.CreateClient().PostAsync("/oauth/revoke", new FormUrlEncodedContent(
            [new("token", Refresh(refreshed)), new("token_type_hint", "refresh_token"), new("client_id", FirstPartyClient.Id)]));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await (await t.Portal(Access(refreshed)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(refreshed) })).AssertProblemAsync(401, "invalid_refresh_token");
        await AdminSession.ExpectAsync(await t.Portal(Access(second)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await t.PostAsync("/v1/portal/auth/sign-out", new { refreshToken = "not-a-refresh-token" })).StatusCode);
        await AdminSession.ExpectAsync(await t.Portal(Access(second)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);

        // The grant the sign-in endpoints use exists only inside the API: from outside it is not supported.
        var outside = await t.Factory.CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(
            [new("grant_type", FirstPartyClient.SessionGrantType), new("client_id", FirstPartyClient.Id), new("scope", "offline_access")]));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal("unsupported_grant_type", (await outside.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TheFirstSignInsOfANewDeployment_AtOnce_AllGetTokens(TestDb engine)
    {
        // A database of its own: no sign-in has yet made the token server's copy of the sign-in endpoints' client, so
        // these sign-ins race to make it (as the first customers of a new deployment, or two API processes, do).
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var factory = new ApiFactory(database);
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("c-1", "Jane Homeowner");
        var links = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var email = PortalTenant.UniqueEmail();
            await t.ContactAsync($"con-{i}", "c-1", email);
            Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/magic-link", new { email })).StatusCode);
            links.Add(await t.TokenFromEmailAsync(email, "/magic-link"));
        }

        var answers = await Task.WhenAll(links.Select(token => t.PostAsync("/v1/portal/auth/magic-link/redeem", new { token })));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ARefreshTokenIssuedBeforeTheTokenServerIssuedThem_RefreshesOnce_ToTheTokenServersPair(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var tokens = await t.InviteAndAcceptAsync("con-1", email, Password);

        // A refresh token as the sign-in endpoints stored them before: a hash in the session's refresh token table.
        const string legacy = "rt_issued-before-the-token-server-0123456789";
        await using (var scope = t.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sessionId = Guid.Parse(new JsonWebToken(Access(tokens)).GetClaim(TokenClaims.SessionId).Value);
            var session = await db.Set<PortalSession>().IgnoreQueryFilters().SingleAsync(x => x.Id == sessionId);
            var secrets = scope.ServiceProvider.GetRequiredService<ISecrets>();
            db.Add(RefreshToken.Issue(session, secrets.Hash(legacy), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var refreshed = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = legacy }), HttpStatusCode.OK);
        Assert.False(Refresh(refreshed).StartsWith("rt_", StringComparison.Ordinal));
        await AdminSession.ExpectAsync(await t.Portal(Access(refreshed)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(refreshed) }), HttpStatusCode.OK);

        // Spent, it is a reuse like any other: the session ends.
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = legacy })).AssertProblemAsync(401, "refresh_token_reused");
        await (await t.Portal(Access(refreshed)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FailedSignIns_LookTheSameForUnknownEmailsAndWrongPasswords_AndTenLockTheAccount(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        await t.InviteAndAcceptAsync("con-1", email);

        var unknown = await (await t.PostAsync("/v1/portal/auth/sign-in", new { email = PortalTenant.UniqueEmail(), password = Password })).AssertProblemAsync(401, "invalid_credentials");
        var wrong = await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = "wrong password" })).AssertProblemAsync(401, "invalid_credentials");
        Assert.Equal(unknown["detail"]!.GetValue<string>(), wrong["detail"]!.GetValue<string>());
        Assert.Equal(unknown["title"]!.GetValue<string>(), wrong["title"]!.GetValue<string>());

        for (var i = 1; i < 10; i++)
        {
            await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = "wrong password " + i })).AssertProblemAsync(401, "invalid_credentials");
        }

        // Locked: even the right password fails now, with the same answer.
        var locked = await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password })).AssertProblemAsync(401, "invalid_credentials");
        Assert.Equal(unknown["detail"]!.GetValue<string>(), locked["detail"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WeakPasswords_AreRefused_AndTheInvitationStillWorks(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null), HttpStatusCode.OK);
        var token = await t.TokenFromEmailAsync(email, "/accept-invitation");

        var tooShort = await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token, password = "short" })).AssertProblemAsync(422, "invalid_password");
        Assert.Contains("at least 8", tooShort.FieldErrors("password").Single(), StringComparison.Ordinal);
        var common = await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token, password = "Password123" })).AssertProblemAsync(422, "invalid_password");
        Assert.Contains("too common", common.FieldErrors("password").Single(), StringComparison.Ordinal);
        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token, password = new string('x', 129) })).AssertProblemAsync(422, "invalid_password");
        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token })).AssertProblemAsync(422, "invalid_password");

        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/invitations/accept", new { token, password = "lowercase only is fine here" }), HttpStatusCode.OK);
        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token, password = "lowercase only is fine here" })).AssertProblemAsync(422, "invalid_link");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ChangingThePassword_EndsOtherSessions_AndSignOutEndsThisOne(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var phone = await t.InviteAndAcceptAsync("con-1", email, Password);
        var laptop = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password }), HttpStatusCode.OK);

        await (await t.PostAsync("/v1/portal/auth/change-password", new { currentPassword = "nope nope nope", newPassword = "a brand new passphrase" }, Access(laptop)))
            .AssertProblemAsync(422, "invalid_current_password");
        Assert.Equal(HttpStatusCode.NoContent, (await t.PostAsync("/v1/portal/auth/change-password", new { currentPassword = Password, newPassword = "a brand new passphrase" }, Access(laptop))).StatusCode);

        await (await t.Portal(Access(phone)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(phone) })).AssertProblemAsync(401, "invalid_refresh_token");
        await AdminSession.ExpectAsync(await t.Portal(Access(laptop)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password })).AssertProblemAsync(401, "invalid_credentials");

        Assert.Equal(HttpStatusCode.NoContent, (await t.Portal(Access(laptop)).PostAsync("/v1/portal/auth/sign-out", null)).StatusCode);
        await (await t.Portal(Access(laptop)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(laptop) })).AssertProblemAsync(401, "invalid_refresh_token");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SignOutEverywhere_EndsEverySession_AndSignOutByRefreshTokenNeedsNoAccessToken(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var first = await t.InviteAndAcceptAsync("con-1", email, Password);
        var second = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password }), HttpStatusCode.OK);
        var third = await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await t.PostAsync("/v1/portal/auth/sign-out", new { refreshToken = Refresh(third) })).StatusCode);
        await (await t.Portal(Access(third)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await AdminSession.ExpectAsync(await t.Portal(Access(first)).GetAsync("/v1/portal/me"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Portal(Access(second)).PostAsync("/v1/portal/auth/sign-out-everywhere", null)).StatusCode);
        await (await t.Portal(Access(first)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.Portal(Access(second)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.Portal().PostAsync("/v1/portal/auth/sign-out-everywhere", null)).AssertProblemAsync(401, "unauthenticated");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task RevokingAccess_RemovesTheCustomerAtOnce_AndSignsOutSomeoneLeftWithNone(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.CustomerAsync("c-2", "Rental House");
        await t.ContactAsync("con-1", "c-1", email);
        await t.ContactAsync("con-2", "c-2", email);
        var tokens = await t.InviteAndAcceptAsync("con-1", email);
        var portal = t.Portal(Access(tokens));
        Assert.Equal(2, (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/me"), HttpStatusCode.OK))["customers"]!.AsArray().Count);

        var revoked = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-2/revoke-access", null), HttpStatusCode.OK);
        Assert.Equal("none", revoked["status"]!.GetValue<string>());
        var me = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        Assert.Equal(["Jane Homeowner"], me["customers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));

        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/revoke-access", null), HttpStatusCode.OK);
        await (await portal.GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(tokens) })).AssertProblemAsync(401, "invalid_refresh_token");
        await (await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = "correct horse battery staple" })).AssertProblemAsync(401, "invalid_credentials");

        // Inviting again restores access; the account and its password are still there.
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null), HttpStatusCode.OK);
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/sign-in", new { email, password = "correct horse battery staple" }), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AdminPortalAccess_AnswersProblemsForWhatCannotBeDone(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);

        await (await t.Admin.Client.PostAsync("/v1/admin/contacts/nope/invite", null)).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.GetAsync("/v1/admin/customers/nope/portal-access")).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/resend-invite", null)).AssertProblemAsync(409, "not_invited");
        await t.InviteAndAcceptAsync("con-1", email);
        await (await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null)).AssertProblemAsync(409, "already_active");
        await (await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/resend-invite", null)).AssertProblemAsync(409, "not_invited");

        await AdminSession.ExpectAsync(
            await t.Admin.Client.PutAsJsonAsync("/v1/admin/customers/c-nophone", new { kind = "residential", name = "No Phone" }), HttpStatusCode.Created);
        await (await t.Admin.Client.PostAsync("/v1/admin/customers/c-nophone/portal-link", null)).AssertProblemAsync(422, "phone_required");
        await (await t.Admin.Client.DeleteAsync("/v1/admin/customers/c-1/portal-link")).AssertProblemAsync(404, "not_found");

        var other = await PortalTenant.CreateAsync(hosts[engine]);
        await (await other.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null)).AssertProblemAsync(404, "not_found");
        var readOnly = await AdminSession.StartAsync(hosts[engine], scope: "customers:read");
        await (await readOnly.Client.PostAsync("/v1/admin/contacts/con-1/invite", null)).AssertProblemAsync(403, "insufficient_scope");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ARequestedInvitation_ShowsAsInvitedToTheOffice_WhichCanResendOrRevokeIt(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.CustomerAsync("c-2", "Rental House");
        await t.CustomerAsync("c-3", "Old Office");
        await t.ContactAsync("con-1", "c-1", email);
        await t.ContactAsync("con-2", "c-2", email);
        await t.ContactAsync("con-3", "c-3", email);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-3/revoke-access", null), HttpStatusCode.OK);
        async Task<JsonNode> AccessAsync(string customer) =>
            (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/customers/{customer}/portal-access"), HttpStatusCode.OK))["contacts"]![0]!;

        Assert.Equal(HttpStatusCode.Accepted, (await t.PostAsync("/v1/portal/auth/invitations/request", new { email })).StatusCode);
        var requested = await t.TokenFromEmailAsync(email, "/accept-invitation");

        // Every contact the invitation lets in is invited; the revoked one stays without access.
        foreach (var customer in new[] { "c-1", "c-2" })
        {
            var contact = await AccessAsync(customer);
            Assert.Equal("invited", contact["status"]!.GetValue<string>());
            Assert.NotNull(contact["invitedAt"]);
        }

        Assert.Equal("none", (await AccessAsync("c-3"))["status"]!.GetValue<string>());

        // The office resends it: a new link replaces the requested one.
        var resent = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/resend-invite", null), HttpStatusCode.OK);
        Assert.Equal("invited", resent["status"]!.GetValue<string>());
        var second = await t.TokenFromEmailAsync(email, "/accept-invitation", requested);
        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = requested, password = Password })).AssertProblemAsync(422, "invalid_link");

        // Or revokes it: the link stops working.
        var revoked = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/revoke-access", null), HttpStatusCode.OK);
        Assert.Equal("none", revoked["status"]!.GetValue<string>());
        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = second, password = Password })).AssertProblemAsync(422, "invalid_link");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ResendingAnInvitation_ReplacesTheEarlierLink(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/invite", null), HttpStatusCode.OK);
        var first = await t.TokenFromEmailAsync(email, "/accept-invitation");
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-1/resend-invite", null), HttpStatusCode.OK);
        var second = await t.TokenFromEmailAsync(email, "/accept-invitation", first);

        await (await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = first, password = Password })).AssertProblemAsync(422, "invalid_link");
        await AdminSession.ExpectAsync(await t.PostAsync("/v1/portal/auth/invitations/accept", new { token = second, password = Password }), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task APortalTokenOfOneTenant_IsRefusedByAnother(TestDb engine)
    {
        var a = await PortalTenant.CreateAsync(hosts[engine]);
        var b = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await a.CustomerAsync("c-1", "Jane Homeowner");
        await a.ContactAsync("con-1", "c-1", email);
        var tokens = await a.InviteAndAcceptAsync("con-1", email);

        await (await b.Portal(Access(tokens)).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await b.PostAsync("/v1/portal/auth/refresh", new { refreshToken = Refresh(tokens) })).AssertProblemAsync(401, "invalid_refresh_token");
        await (await b.PostAsync("/v1/portal/auth/sign-in", new { email, password = Password })).AssertProblemAsync(401, "invalid_credentials");

        // An admin token is not a portal token, and the other way round.
        await (await a.Portal(a.Admin.Client.DefaultRequestHeaders.Authorization!.Parameter).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        var adminWithPortalToken = hosts[engine].CreateClient();
        adminWithPortalToken.DefaultRequestHeaders.Authorization = new("Bearer", Access(tokens));
        await (await adminWithPortalToken.GetAsync("/v1/admin/portal-settings")).AssertProblemAsync(401, "invalid_token");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalApi_WhenATokenLivesLongerThanTheTokensWeIssue_Answers401(TestDb engine)
    {
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        var email = PortalTenant.UniqueEmail();
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.ContactAsync("con-1", "c-1", email);
        var issued = new JsonWebToken(Access(await t.InviteAndAcceptAsync("con-1", email, Password)));
        var key = await hosts[engine].Services.GetRequiredService<SigningKeyStore>().GetSigningKeyAsync(CancellationToken.None);
        var now = DateTime.UtcNow;

        // The session's own claims, signed with the real key: only the lifetime differs.
        string Resign(DateTime notBefore, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issued.Issuer,
            Audience = "headlessportal-api",
            Claims = new[] { "sub", "tid", "sid", "token_use" }.ToDictionary(c => c, c => (object)issued.GetClaim(c).Value),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.EcdsaSha256),
            TokenType = "at+jwt",
        });

        await AdminSession.ExpectAsync(await t.Portal(Resign(now.AddMinutes(-1), now.AddMinutes(10))).GetAsync("/v1/portal/me"), HttpStatusCode.OK);
        await (await t.Portal(Resign(now.AddMinutes(-1), now.AddDays(30))).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
        await (await t.Portal(Resign(now.AddHours(-3), now.AddMinutes(10))).GetAsync("/v1/portal/me")).AssertProblemAsync(401, "invalid_token");
    }
}
