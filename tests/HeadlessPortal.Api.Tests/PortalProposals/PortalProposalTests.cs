using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.PortalProposals;

/// <summary>Estimates in the portal over HTTP: who sees them, the list, the detail, acceptance and decline, the PDF, My Tasks, and what the office sees.</summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalProposalTests(ApiHosts hosts)
{
    private static object Money(long amount) => new { amount, currency = "usd" };

    private static object Line(string description, long amount) => new { description, quantity = 1m, unitPrice = Money(amount), amount = Money(amount) };

    private static object Proposal(string number, string customerId, string status = "open", string? expiresOn = "2099-12-31", string? locationId = null, string? jobId = null) => new
    {
        number, customerId, locationId, jobId, status, summary = "New air conditioner", financingOfferUrl = "https://finance.example/offer/1", expiresOn, terms = "Net 30.",
        options = new object[]
        {
            new { name = "Good", lines = new[] { Line("Repair", 30_000) }, total = Money(30_000) },
            new { name = "Better", id = "better", recommended = true, lines = new[] { Line("New unit", 650_000) }, total = Money(650_000) },
            new { name = "Best", lines = new[] { Line("New unit and thermostat", 800_000) }, total = Money(800_000) },
        },
    };

    private static async Task SyncAsync(PortalTenant t, string resource, string id, object document)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", document);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Guid> IdAsync(PortalTenant t, string resource, string externalId) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/{resource}/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<Guid>();

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await AdminSession.ExpectAsync(await client.GetAsync(url), HttpStatusCode.OK);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private static object Typed(string optionId, string sha, string name = "Avery Smith") =>
        new { optionId, documentSha256 = sha, signature = new { type = "typed", name }, agreedToTerms = true };

    private static object Drawn(string optionId, string sha, string image) =>
        new { optionId, documentSha256 = sha, signature = new { type = "drawn", name = "Avery Smith", image }, agreedToTerms = true };

    /// <summary>Gives the tenant an office email address, as the platform would at sign-up.</summary>
    private static Task SetOfficeEmailAsync(PortalTenant t, string email) =>
        Payments.PaymentData.InTenantAsync(t.Factory, t.Admin.TenantId, async (db, clock, _) =>
        {
            var tenant = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tenants, x => x.Id == new HeadlessPortal.Domain.Tenants.TenantId(t.Admin.TenantId));
            var a = tenant.AccountSettings;
            tenant.UpdateAccountSettings(new HeadlessPortal.Domain.Tenants.TenantAccountSettings(a.DisplayName, a.LogoUrl, a.PrimaryColor, a.Phone, email, a.TimeZone, a.Currency), clock.UtcNow);
            await db.SaveChangesAsync();
        });

    /// <summary>A: billing (the user's), B: service only, C: someone else's; an open proposal of each, plus an expired and a declined one of A.</summary>
    private static async Task<(PortalTenant Tenant, HttpClient Portal)> SeedAsync(ApiFactory factory)
    {
        var (t, portal, _) = await SeedWithEmailAsync(factory);
        return (t, portal);
    }

    private static async Task<(PortalTenant Tenant, HttpClient Portal, string Email)> SeedWithEmailAsync(ApiFactory factory)
    {
        var email = PortalTenant.UniqueEmail("avery");
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.CustomerAsync("cust-c", "Carter Family");
        await t.ContactAsync("con-a", "cust-a", email);
        await t.ContactAsync("con-b", "cust-b", email, "serviceOnly");
        await SyncAsync(t, "locations", "loc-a", new { customerId = "cust-a", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", region = "IL", country = "US" } });
        await SyncAsync(t, "jobs", "job-a", new { number = "J-100", customerId = "cust-a", locationId = "loc-a" });
        await SyncAsync(t, "proposals", "a-expired", Proposal("A-EXPIRED", "cust-a", expiresOn: "2020-01-31"));
        await SyncAsync(t, "proposals", "a-declined", Proposal("A-DECLINED", "cust-a", status: "declined"));
        await SyncAsync(t, "proposals", "a-open", Proposal("A-OPEN", "cust-a", locationId: "loc-a", jobId: "job-a"));
        await SyncAsync(t, "proposals", "b-open", Proposal("B-OPEN", "cust-b"));
        await SyncAsync(t, "proposals", "c-open", Proposal("C-OPEN", "cust-c"));
        var portal = t.Portal((await t.InviteAndAcceptAsync("con-a", email))["accessToken"]!.GetValue<string>());
        return (t, portal, email);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Decisions_EmailTheSignerAConfirmation_AndTheOfficeANotice(TestDb engine)
    {
        var (t, portal, email) = await SeedWithEmailAsync(hosts[engine]);
        var office = PortalTenant.UniqueEmail("office");
        await SetOfficeEmailAsync(t, office);
        var id = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();

        await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("better", sha, "Avery Smith"), "mail"), HttpStatusCode.Created);

        var confirmation = await t.Factory.Mailbox.WaitForAsync(email, e => e.Subject.Contains("accepted estimate A-OPEN", StringComparison.Ordinal));
        Assert.Contains("Better", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("$6,500.00", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Avery Smith", confirmation.Text, StringComparison.Ordinal);
        var notice = await t.Factory.Mailbox.WaitForAsync(office, e => e.Subject.Contains("A-OPEN was accepted", StringComparison.Ordinal));
        Assert.Contains("Avery Household", notice.Text, StringComparison.Ordinal);

        // A decline tells only the office, with the reason.
        var declined = await IdAsync(t, "proposals", "a-expired");
        await SyncAsync(t, "proposals", "a-expired", Proposal("A-LATER", "cust-a")); // a new expiry: open again
        await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{declined}/decline", new { reason = "Going with a repair" }, "mail-2"), HttpStatusCode.Created);
        var declineNotice = await t.Factory.Mailbox.WaitForAsync(office, e => e.Subject.Contains("A-LATER was declined", StringComparison.Ordinal));
        Assert.Contains("Going with a repair", declineNotice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(t.Factory.Mailbox.All(), e => e.To == email && e.Subject.Contains("accepted estimate A-LATER", StringComparison.Ordinal));
    }

    private static List<string> Numbers(JsonNode page) => page["data"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).ToList();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task List_ShowsBillingCustomersProposals_OpenFirstThenNewest_WithFiltersAndPages(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);

        var page = await GetAsync(portal, "/v1/portal/proposals");
        Assert.Equal(["A-OPEN", "A-DECLINED", "A-EXPIRED"], Numbers(page));
        var open = page["data"]![0]!;
        Assert.Equal("open", open["status"]!.GetValue<string>());
        Assert.True(open["canDecide"]!.GetValue<bool>());
        Assert.Equal(3, open["optionCount"]!.GetValue<int>());
        Assert.Equal(30_000, open["lowestTotal"]!["amount"]!.GetValue<long>());
        Assert.Equal("Avery Household", open["customer"]!["name"]!.GetValue<string>());
        Assert.Equal(["declined", "expired"], page["data"]!.AsArray().Skip(1).Select(p => p!["status"]!.GetValue<string>()));

        Assert.Equal(["A-OPEN"], Numbers(await GetAsync(portal, "/v1/portal/proposals?status=open")));
        Assert.Equal(["A-EXPIRED"], Numbers(await GetAsync(portal, "/v1/portal/proposals?status=expired")));
        Assert.Equal(["A-DECLINED"], Numbers(await GetAsync(portal, "/v1/portal/proposals?status=declined")));
        Assert.Empty(Numbers(await GetAsync(portal, "/v1/portal/proposals?status=accepted")));
        Assert.Equal(["A-OPEN"], Numbers(await GetAsync(portal, $"/v1/portal/proposals?locationId={await IdAsync(t, "locations", "loc-a")}")));
        Assert.Equal(3, Numbers(await GetAsync(portal, $"/v1/portal/proposals?billToCustomerId={await IdAsync(t, "customers", "cust-a")}")).Count);
        Assert.Empty(Numbers(await GetAsync(portal, $"/v1/portal/proposals?billToCustomerId={await IdAsync(t, "customers", "cust-b")}")));

        var first = await GetAsync(portal, "/v1/portal/proposals?limit=2");
        Assert.Equal(["A-OPEN", "A-DECLINED"], Numbers(first));
        Assert.True(first["hasMore"]!.GetValue<bool>());
        var second = await GetAsync(portal, $"/v1/portal/proposals?limit=2&after={first["nextCursor"]!.GetValue<string>()}");
        Assert.Equal(["A-EXPIRED"], Numbers(second));
        Assert.False(second["hasMore"]!.GetValue<bool>());

        await (await portal.GetAsync("/v1/portal/proposals?status=draft")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/proposals?after=nope")).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Detail_ShowsOptionsRecommendationExpiryRelatedRecordsAndTheDocumentVersion(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");

        var detail = await GetAsync(portal, $"/v1/portal/proposals/{id}");
        Assert.Equal("A-OPEN", detail["number"]!.GetValue<string>());
        Assert.Equal("open", detail["status"]!.GetValue<string>());
        Assert.Equal(["1", "better", "3"], detail["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal("better", detail["recommendedOptionId"]!.GetValue<string>());
        Assert.Equal(650_000, detail["options"]![1]!["total"]!["amount"]!.GetValue<long>());
        Assert.Equal("New unit", detail["options"]![1]!["lines"]![0]!["description"]!.GetValue<string>());
        Assert.Equal("2099-12-31", detail["expiresOn"]!.GetValue<string>());
        Assert.Equal("Net 30.", detail["terms"]!.GetValue<string>());
        Assert.Equal("https://finance.example/offer/1", detail["financingOfferUrl"]!.GetValue<string>());
        Assert.Equal("J-100", detail["job"]!["name"]!.GetValue<string>());
        Assert.Equal("Home", detail["location"]!["name"]!.GetValue<string>());
        Assert.True(detail["canDecide"]!.GetValue<bool>());
        Assert.Null(detail["reason"]);
        Assert.Null(detail["decision"]);
        Assert.Matches("^[0-9a-f]{64}$", detail["documentSha256"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(detail["consent"]!["text"]!.GetValue<string>()));

        var expired = await GetAsync(portal, $"/v1/portal/proposals/{await IdAsync(t, "proposals", "a-expired")}");
        Assert.Equal("expired", expired["status"]!.GetValue<string>());
        Assert.False(expired["canDecide"]!.GetValue<bool>());
        Assert.Equal("proposal_expired", expired["reason"]!.GetValue<string>());
        var declined = await GetAsync(portal, $"/v1/portal/proposals/{await IdAsync(t, "proposals", "a-declined")}");
        Assert.Equal("proposal_already_decided", declined["reason"]!.GetValue<string>());

        // Sending the same estimate again keeps its version (the price-change case is in Accept_WhenExpiredChangedOrWithAnUnknownOption_IsRefused).
        await SyncAsync(t, "proposals", "a-open", Proposal("A-OPEN", "cust-a", locationId: "loc-a", jobId: "job-a"));
        Assert.Equal(detail["documentSha256"]!.GetValue<string>(), (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SomeoneElsesServiceOnlyOrAnotherTenantsProposal_OrAnyWhileEstimateApprovalIsOff_IsNotFound(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var other = await PortalTenant.CreateAsync(hosts[engine]);
        await other.CustomerAsync("cust-a", "Avery Elsewhere");
        await SyncAsync(other, "proposals", "x-open", Proposal("X-OPEN", "cust-a"));

        var hidden = new[] { await IdAsync(t, "proposals", "b-open"), await IdAsync(t, "proposals", "c-open"), await IdAsync(other, "proposals", "x-open"), Guid.NewGuid() };
        foreach (var id in hidden)
        {
            await (await portal.GetAsync($"/v1/portal/proposals/{id}")).AssertProblemAsync(404, "not_found");
            await (await portal.GetAsync($"/v1/portal/proposals/{id}/document")).AssertProblemAsync(404, "not_found");
            await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", new string('a', 64)), Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
            await (await PostAsync(portal, $"/v1/portal/proposals/{id}/decline", new { reason = "No" }, Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
        }

        await (await portal.GetAsync("/v1/portal/proposals/not-a-guid")).AssertProblemAsync(404, "not_found");

        var mine = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{mine}"))["documentSha256"]!.GetValue<string>();
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["features"]!["estimateApproval"] = false;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        Assert.Empty(Numbers(await GetAsync(portal, "/v1/portal/proposals")));
        await (await portal.GetAsync($"/v1/portal/proposals/{mine}")).AssertProblemAsync(404, "not_found");
        await (await portal.GetAsync($"/v1/portal/proposals/{mine}/document")).AssertProblemAsync(404, "not_found");
        await (await PostAsync(portal, $"/v1/portal/proposals/{mine}/acceptance", Typed("1", sha), Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
        Assert.Equal(0, (await GetAsync(portal, "/v1/portal/tasks"))["proposalsAwaitingSignature"]!["count"]!.GetValue<int>());
        var publicPortal = await AdminSession.ExpectAsync(await t.Portal().GetAsync("/v1/public/portal"), HttpStatusCode.OK);
        Assert.False(publicPortal["features"]!["estimateApproval"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Accept_WithATypedSignature_Answers201_RecordsTheEvidence_AnnouncesIt_AndTheOfficeSeesIt(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");
        var tasks = await GetAsync(portal, "/v1/portal/tasks");
        var task = Assert.Single(tasks["proposalsAwaitingSignature"]!["items"]!.AsArray())!;
        Assert.Equal(id, task["id"]!.GetValue<Guid>());
        Assert.Equal($"/v1/portal/proposals/{id}", task["url"]!.GetValue<string>());
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();

        var response = await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("better", sha), "key-1");
        var decision = await AdminSession.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/v1/portal/proposals/{id}", response.Headers.Location!.ToString());
        Assert.Equal("accepted", decision["outcome"]!.GetValue<string>());
        Assert.Equal("better", decision["optionId"]!.GetValue<string>());
        Assert.Equal("portal", decision["channel"]!.GetValue<string>());
        Assert.Equal("typed", decision["signatureType"]!.GetValue<string>());
        Assert.Equal("Avery Smith", decision["signerName"]!.GetValue<string>());
        Assert.Equal(sha, decision["documentSha256"]!.GetValue<string>());

        var detail = await GetAsync(portal, $"/v1/portal/proposals/{id}");
        Assert.Equal("accepted", detail["status"]!.GetValue<string>());
        Assert.False(detail["canDecide"]!.GetValue<bool>());
        Assert.Equal("proposal_already_decided", detail["reason"]!.GetValue<string>());
        Assert.Equal(decision["id"]!.GetValue<Guid>(), detail["decision"]!["id"]!.GetValue<Guid>());
        Assert.Equal(0, (await GetAsync(portal, "/v1/portal/tasks"))["proposalsAwaitingSignature"]!["count"]!.GetValue<int>());
        Assert.Equal(["A-OPEN"], Numbers(await GetAsync(portal, "/v1/portal/proposals?status=accepted")));

        // The office: the decision with its evidence beside the synced status, kept by a later sync that still says open.
        await SyncAsync(t, "proposals", "a-open", Proposal("A-OPEN", "cust-a", locationId: "loc-a", jobId: "job-a"));
        var admin = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/proposals/a-open"), HttpStatusCode.OK);
        Assert.Equal("open", admin["status"]!.GetValue<string>());
        var evidence = admin["customerDecision"]!;
        Assert.Equal("accepted", evidence["outcome"]!.GetValue<string>());
        Assert.Equal("better", evidence["optionId"]!.GetValue<string>());
        Assert.Equal("Avery Smith", evidence["signerName"]!.GetValue<string>());
        Assert.Null(evidence["signatureImage"]);
        Assert.False(string.IsNullOrEmpty(evidence["consentText"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(evidence["consentVersion"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(evidence["ipAddress"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(evidence["userAgent"]!.GetValue<string>()));
        Assert.Equal(sha, evidence["documentSha256"]!.GetValue<string>());
        Assert.NotNull(evidence["portalUserId"]);
        Assert.False(evidence["confirmedBySync"]!.GetValue<bool>());
        Assert.Equal("proposal_already_decided", (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["reason"]!.GetValue<string>());

        // The back office then syncs it as accepted: that confirms the decision, which stays with its evidence.
        await SyncAsync(t, "proposals", "a-open", Proposal("A-OPEN", "cust-a", status: "accepted", locationId: "loc-a", jobId: "job-a"));
        var confirmed = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/proposals/a-open"), HttpStatusCode.OK);
        Assert.Equal("accepted", confirmed["status"]!.GetValue<string>());
        Assert.True(confirmed["customerDecision"]!["confirmedBySync"]!.GetValue<bool>());
        Assert.Equal(evidence["id"]!.GetValue<Guid>(), confirmed["customerDecision"]!["id"]!.GetValue<Guid>());

        var outbox = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?limit=100"), HttpStatusCode.OK);
        var accepted = Assert.Single(outbox["data"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "proposal.accepted")!;
        Assert.Equal("a-open", accepted["payload"]!["externalId"]!.GetValue<string>());
        Assert.Equal("better", accepted["payload"]!["optionId"]!.GetValue<string>());
        Assert.Equal("portal", accepted["payload"]!["channel"]!.GetValue<string>());
        Assert.NotNull(accepted["payload"]!["decidedAt"]);

        var trail = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-a/audit-trail"), HttpStatusCode.OK);
        var entry = Assert.Single(trail["data"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "proposal.accepted")!;
        Assert.Equal("Better", entry["details"]!["optionName"]!.GetValue<string>());
        var audit = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/audit-events?target=proposal:a-open"), HttpStatusCode.OK);
        Assert.Single(audit["data"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "proposal.accepted");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Accept_ReplayedWithTheSameKey_AnswersTheFirstDecision_AndAnotherBodyOrKeyIsRefused(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();

        var first = await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", sha), "same-key"), HttpStatusCode.Created);
        var replay = await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", sha), "same-key"), HttpStatusCode.Created);
        Assert.Equal(first.ToJsonString(), replay.ToJsonString());

        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("3", sha), "same-key")).AssertProblemAsync(422, "idempotency_key_reused");
        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", sha), "other-key")).AssertProblemAsync(409, "proposal_already_decided");
        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/decline", new { reason = "Changed my mind" }, "decline-key")).AssertProblemAsync(409, "proposal_already_decided");
        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", sha), null)).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwentyConcurrentAcceptances_ExactlyOneWins_TheOthersAreAlreadyDecided(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed(i % 2 == 0 ? "1" : "better", sha, $"Signer {i}"), $"key-{i}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(409, "proposal_already_decided");
        }

        var outbox = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?limit=100"), HttpStatusCode.OK);
        Assert.Single(outbox["data"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "proposal.accepted");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Accept_WhenExpiredChangedOrWithAnUnknownOption_IsRefused(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var expired = await IdAsync(t, "proposals", "a-expired");
        var expiredSha = (await GetAsync(portal, $"/v1/portal/proposals/{expired}"))["documentSha256"]!.GetValue<string>();
        await (await PostAsync(portal, $"/v1/portal/proposals/{expired}/acceptance", Typed("1", expiredSha), "k1")).AssertProblemAsync(409, "proposal_expired");
        await (await PostAsync(portal, $"/v1/portal/proposals/{expired}/decline", new { }, "k2")).AssertProblemAsync(409, "proposal_expired");

        var id = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();
        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("9", sha), "k3")).AssertProblemAsync(422, "unknown_option");

        // The back office changes a price after the customer read the estimate.
        await SyncAsync(t, "proposals", "a-open", new
        {
            number = "A-OPEN", customerId = "cust-a", status = "open", expiresOn = "2099-12-31",
            options = new[] { new { name = "Good", lines = new[] { Line("Repair", 35_000) }, total = Money(35_000) } },
        });
        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", sha), "k4")).AssertProblemAsync(409, "proposal_changed");
        var fresh = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();
        Assert.NotEqual(sha, fresh);
        await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("1", fresh), "k5"), HttpStatusCode.Created);

        var body = new { optionId = "1", documentSha256 = fresh, signature = new { type = "typed", name = "A" }, agreedToTerms = false };
        var problem = await (await PostAsync(portal, $"/v1/portal/proposals/{await IdAsync(t, "proposals", "a-declined")}/acceptance", body, "k6")).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("agreedToTerms"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Accept_WithADrawnSignature_KeepsARealPng_AndRefusesAnythingElse(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();

        var refused = new[]
        {
            "data:image/png;base64," + Convert.ToBase64String("GIF89a not a png at all, just text padding it out"u8.ToArray()),
            TestPng.DataUrl(TestPng.Create(2400, 300)),
            TestPng.DataUrl(TestPng.Create(200, 100, extraBytes: 210 * 1024)),
            "data:image/jpeg;base64,/9j/4AAQSkZJRg==",
            "data:image/png;base64,!!!not-base64!!!",
        };
        foreach (var image in refused)
        {
            var problem = await (await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Drawn("1", sha, image), Guid.NewGuid().ToString()))
                .AssertProblemAsync(422, "invalid_signature");
            Assert.NotEmpty(problem.FieldErrors("signature.image"));
        }

        var png = TestPng.Create(600, 200);
        var decision = await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Drawn("3", sha, TestPng.DataUrl(png)), "drawn"), HttpStatusCode.Created);
        Assert.Equal("drawn", decision["signatureType"]!.GetValue<string>());
        var admin = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/proposals/a-open"), HttpStatusCode.OK);
        Assert.Equal(TestPng.DataUrl(png), admin["customerDecision"]!["signatureImage"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Decline_WithAReason_IsRecordedOnce_AndAnnounced(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");

        var problem = await (await PostAsync(portal, $"/v1/portal/proposals/{id}/decline", new { reason = new string('r', 2001) }, "d0")).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("reason"));

        var decision = await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/decline", new { reason = "Too expensive" }, "d1"), HttpStatusCode.Created);
        Assert.Equal("declined", decision["outcome"]!.GetValue<string>());
        Assert.Equal("Too expensive", decision["declineReason"]!.GetValue<string>());
        Assert.Equal(decision.ToJsonString(), (await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/decline", new { reason = "Too expensive" }, "d1"), HttpStatusCode.Created)).ToJsonString());
        await (await PostAsync(portal, $"/v1/portal/proposals/{id}/decline", new { reason = "Again" }, "d2")).AssertProblemAsync(409, "proposal_already_decided");

        Assert.Equal("declined", (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["status"]!.GetValue<string>());
        var outbox = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?limit=100"), HttpStatusCode.OK);
        var declined = Assert.Single(outbox["data"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "proposal.declined")!;
        Assert.Equal("a-open", declined["payload"]!["externalId"]!.GetValue<string>());
        var admin = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/proposals/a-open"), HttpStatusCode.OK);
        Assert.Equal("Too expensive", admin["customerDecision"]!["declineReason"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Document_IsAPdfWithTheDocumentVersionAsETag_AndIfNoneMatchAnswers304(TestDb engine)
    {
        var (t, portal) = await SeedAsync(hosts[engine]);
        var id = await IdAsync(t, "proposals", "a-open");
        var sha = (await GetAsync(portal, $"/v1/portal/proposals/{id}"))["documentSha256"]!.GetValue<string>();

        var response = await portal.GetAsync($"/v1/portal/proposals/{id}/document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"\"{sha}\"", response.Headers.ETag!.Tag);
        Assert.True(response.Headers.CacheControl!.Private);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/portal/proposals/{id}/document");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await portal.SendAsync(again)).StatusCode);

        // Once accepted the PDF shows the decision, so it is another ETag.
        await AdminSession.ExpectAsync(await PostAsync(portal, $"/v1/portal/proposals/{id}/acceptance", Typed("better", sha), "doc"), HttpStatusCode.Created);
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/v1/portal/proposals/{id}/document");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        var signed = await portal.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.StartsWith($"\"{sha}.", signed.Headers.ETag!.Tag);
    }
}
