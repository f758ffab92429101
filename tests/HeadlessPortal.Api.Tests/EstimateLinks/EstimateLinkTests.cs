using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Options;
using static HeadlessPortal.Api.Tests.EstimateLinks.EstimateLinkData;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.EstimateLinks;

/// <summary>Direct estimate links (PRODUCT.md#direct-links): the office makes and revokes them; their holder sees only the link's proposals without an account.</summary>
[Collection(ApiCollection.Work)]
public sealed class EstimateLinkTests(ApiHosts hosts)
{
    /// <summary>
    /// A tenant with the portal on; customer cust-a with proposals prop-1 (at its home), prop-2 and prop-3; customer cust-b with prop-b.
    /// </summary>
    private static async Task<PortalTenant> SeedAsync(ApiFactory factory, params string[] signInMethods)
    {
        var t = await PortalTenant.CreateAsync(factory, signInMethods);
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await SyncAsync(t.Admin, "locations", "loc-a", new { customerId = "cust-a", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await SyncAsync(t.Admin, "proposals", "prop-1", ProposalBody("EST-1", "cust-a", "loc-a"));
        await SyncAsync(t.Admin, "proposals", "prop-2", ProposalBody("EST-2", "cust-a"));
        await SyncAsync(t.Admin, "proposals", "prop-3", ProposalBody("EST-3", "cust-a"));
        await SyncAsync(t.Admin, "proposals", "prop-b", ProposalBody("EST-9", "cust-b"));
        return t;
    }

    private static Task<HttpResponseMessage> CreateAsync(PortalTenant t, string customer, object body) =>
        t.Admin.Client.PostAsJsonAsync($"/v1/admin/customers/{customer}/estimate-links", body);

    private static async Task<JsonNode> CreatedAsync(PortalTenant t, string customer, params string[] proposalIds) =>
        await AdminSession.ExpectAsync(await CreateAsync(t, customer, new { proposalIds }), HttpStatusCode.Created);

    private static async Task<JsonNode> OpenAsync(PortalTenant t, string token) =>
        await AdminSession.ExpectAsync(await t.Portal().GetAsync($"/v1/public/estimate-links/{Uri.EscapeDataString(token)}"), HttpStatusCode.OK);

    private static Task<HttpResponseMessage> RevokeAsync(PortalTenant t, JsonNode link) => t.Admin.Client.PostAsync($"/v1/admin/estimate-links/{link["id"]}/revoke", null);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_ThenOpen_ShowsOnlyTheLinksProposalsWithTheCompanyAndWhetherThePortalCanBeSignedInto(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine], "password", "magicLink");

        var response = await CreateAsync(t, "cust-a", new { proposalIds = new[] { "prop-2", "prop-1" }, expiresInDays = 7 });
        var created = await AdminSession.ExpectAsync(response, HttpStatusCode.Created);
        var token = created["token"]!.GetValue<string>();
        Assert.StartsWith("est_", token, StringComparison.Ordinal);
        Assert.True(token.Length >= 4 + 43, "256 random bits in base64url after the prefix");
        Assert.Equal($"https://{t.Admin.HostName}.portal.example.com/estimate?token={token}", created["url"]!.GetValue<string>());
        Assert.Equal("cust-a", created["customerExternalId"]!.GetValue<string>());
        Assert.Equal(["prop-2", "prop-1"], created["proposals"]!.AsArray().Select(p => p!["externalId"]!.GetValue<string>()));
        var expiresAt = created["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromDays(7), expiresAt - created["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal($"/v1/admin/estimate-links/{created["id"]}", response.Headers.Location!.OriginalString);

        var view = await OpenAsync(t, token);
        var proposals = view["proposals"]!.AsArray();
        Assert.Equal(["EST-2", "EST-1"], proposals.Select(p => p!["number"]!.GetValue<string>()));
        var first = proposals[1]!;
        Assert.Equal((await GetAsync(t.Admin, "proposals", "prop-1"))["id"]!.GetValue<Guid>(), first["id"]!.GetValue<Guid>());
        Assert.Equal("open", first["status"]!.GetValue<string>());
        Assert.Equal("Replace the air conditioner (EST-1)", first["summary"]!.GetValue<string>());
        Assert.Equal("https://financing.example.com/apply?dealer=acme", first["financingOfferUrl"]!.GetValue<string>());
        Assert.Equal(["Good", "Best"], first["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        var best = first["options"]![1]!;
        Assert.Equal(945_000, best["total"]!["amount"]!.GetValue<long>());
        Assert.Equal("usd", best["total"]!["currency"]!.GetValue<string>());
        Assert.Equal(2, best["lines"]!.AsArray().Count);
        Assert.Equal("Smart thermostat", best["lines"]![1]!["description"]!.GetValue<string>());
        Assert.Equal(35_000, best["lines"]![1]!["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal("Home", first["location"]!["name"]!.GetValue<string>());
        Assert.Equal("1 Main St", first["location"]!["address"]!["line1"]!.GetValue<string>());
        Assert.Null(proposals[0]!["location"]);
        Assert.Equal("Avery Household", view["customerName"]!.GetValue<string>());
        Assert.Equal($"Admin Test {t.Admin.HostName}", view["company"]!["displayName"]!.GetValue<string>());
        Assert.True(view["portal"]!["signInAvailable"]!.GetValue<bool>());
        Assert.Equal(["password", "magicLink"], view["portal"]!["signInMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal($"https://{t.Admin.HostName}.portal.example.com", view["portal"]!["url"]!.GetValue<string>());
        Assert.Equal(expiresAt, view["expiresAt"]!.GetValue<DateTimeOffset>());
        var text = view.ToJsonString();
        Assert.DoesNotContain("EST-3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EST-9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Birch", text, StringComparison.Ordinal);

        // Opening it again works (links are not single use); the office sees the visit, never the token.
        await OpenAsync(t, token);
        var listed = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK);
        var link = Assert.Single(listed["data"]!.AsArray())!;
        Assert.Equal("active", link["status"]!.GetValue<string>());
        Assert.Equal(t.Admin.ClientId, link["createdBy"]!.GetValue<string>());
        Assert.Equal(["prop-2", "prop-1"], link["proposals"]!.AsArray().Select(p => p!["externalId"]!.GetValue<string>()));
        Assert.NotNull(link["lastViewedAt"]);
        Assert.DoesNotContain("token", listed.ToJsonString(), StringComparison.Ordinal);
        var one = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/estimate-links/{created["id"]}"), HttpStatusCode.OK);
        Assert.Equal("active", one["status"]!.GetValue<string>());
        Assert.Empty((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-b/estimate-links"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_WithoutALifetime_WorksTheDefaultThirtyDays_AndCreateAndRevokeAreAudited(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine]);

        var created = await CreatedAsync(t, "cust-a", "prop-1");
        Assert.Equal(TimeSpan.FromDays(30), created["expiresAt"]!.GetValue<DateTimeOffset>() - created["createdAt"]!.GetValue<DateTimeOffset>());
        var revoked = await AdminSession.ExpectAsync(await RevokeAsync(t, created), HttpStatusCode.OK);
        Assert.Equal("revoked", revoked["status"]!.GetValue<string>());
        var again = await AdminSession.ExpectAsync(await RevokeAsync(t, created), HttpStatusCode.OK);
        Assert.Equal(revoked["revokedAt"]!.GetValue<DateTimeOffset>(), again["revokedAt"]!.GetValue<DateTimeOffset>());

        var audit = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/audit-events?target=customer:cust-a"), HttpStatusCode.OK))["data"]!.AsArray()
            .Where(e => e!["action"]!.GetValue<string>().StartsWith("estimate_link.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["estimate_link.revoked", "estimate_link.created"], audit.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(audit, e => Assert.Equal(t.Admin.ClientId, e!["actor"]!.GetValue<string>()));
        Assert.DoesNotContain(created["token"]!.GetValue<string>(), new JsonArray(audit.Select(e => e!.DeepClone()).ToArray()).ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_WithAProposalThatIsNotTheCustomers_IsUnprocessable_AndBadBodiesAndUnknownCustomersAreRefused(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine]);
        await SyncAsync(t.Admin, "proposals", "prop-gone", ProposalBody("EST-4", "cust-a"));
        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync("/v1/admin/proposals/prop-gone"), HttpStatusCode.OK);
        var other = await SeedAsync(hosts[engine]);
        await SyncAsync(other.Admin, "proposals", "prop-theirs", ProposalBody("EST-5", "cust-a"));

        foreach (var foreign in new[] { "prop-b", "prop-unknown", "prop-gone", "prop-theirs" })
        {
            var problem = await (await CreateAsync(t, "cust-a", new { proposalIds = new[] { "prop-1", foreign } })).AssertProblemAsync(422, "proposal_not_of_customer");
            Assert.Contains(foreign, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await (await CreateAsync(t, "cust-unknown", new { proposalIds = new[] { "prop-1" } })).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.GetAsync("/v1/admin/customers/cust-unknown/estimate-links")).AssertProblemAsync(404, "not_found");

        var tooMany = Enumerable.Range(1, 21).Select(i => $"prop-{i}").ToArray();
        foreach (var ids in new[] { Array.Empty<string>(), tooMany })
        {
            var problem = await (await CreateAsync(t, "cust-a", new { proposalIds = ids })).AssertProblemAsync(400, "validation_failed");
            Assert.Equal(["proposalIds has 1 to 20 ids."], problem.FieldErrors("proposalIds"));
        }

        var twice = await (await CreateAsync(t, "cust-a", new { proposalIds = new[] { "prop-1", "prop-1" } })).AssertProblemAsync(400, "validation_failed");
        Assert.Equal(["proposalIds names each proposal once."], twice.FieldErrors("proposalIds"));
        await (await CreateAsync(t, "cust-a", new { expiresInDays = 7 })).AssertProblemAsync(400, "validation_failed");
        foreach (var days in new[] { 0, -1, 91 })
        {
            var problem = await (await CreateAsync(t, "cust-a", new { proposalIds = new[] { "prop-1" }, expiresInDays = days })).AssertProblemAsync(400, "validation_failed");
            Assert.Equal(["expiresInDays must be between 1 and 90."], problem.FieldErrors("expiresInDays"));
        }

        Assert.Empty((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Open_WhenUnknownExpiredRevokedOrAnotherTenants_IsTheSameNotFound(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await SeedAsync(factory);
        var customer = await GetAsync(t.Admin, "customers", "cust-a");
        var proposal = await GetAsync(t.Admin, "proposals", "prop-1");
        var expired = await InsertLinkAsync(factory, t.Admin.TenantId, new Ref(customer["id"]!.GetValue<Guid>(), "cust-a"), new Ref(proposal["id"]!.GetValue<Guid>(), "prop-1"),
            DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromDays(2));
        var revoked = await CreatedAsync(t, "cust-a", "prop-1");
        await AdminSession.ExpectAsync(await RevokeAsync(t, revoked), HttpStatusCode.OK);
        var active = (await CreatedAsync(t, "cust-a", "prop-1"))["token"]!.GetValue<string>();
        var other = await SeedAsync(factory);
        var theirs = await CreatedAsync(other, "cust-a", "prop-1");

        await OpenAsync(t, active);
        var statuses = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK))["data"]!.AsArray()
            .Select(l => l!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["active", "revoked", "expired"], statuses);

        var unknown = "est_" + new string('A', 43);
        var baseline = Comparable(await (await t.Portal().GetAsync($"/v1/public/estimate-links/{unknown}")).AssertProblemAsync(404, "not_found"));
        var tokens = new[] { expired, revoked["token"]!.GetValue<string>(), theirs["token"]!.GetValue<string>(), "pay_" + new string('A', 43), "not-a-token", new string('x', 500) };
        foreach (var token in tokens)
        {
            var problem = await (await t.Portal().GetAsync($"/v1/public/estimate-links/{token}")).AssertProblemAsync(404, "not_found");
            Assert.Equal(baseline, Comparable(problem));
        }

        // A link whose proposals were all removed stops working too.
        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync("/v1/admin/proposals/prop-1"), HttpStatusCode.OK);
        Assert.Equal(baseline, Comparable(await (await t.Portal().GetAsync($"/v1/public/estimate-links/{active}")).AssertProblemAsync(404, "not_found")));

        // The other company still opens its own link with its own key; its link is not ours to see or revoke.
        Assert.Equal("EST-1", (await OpenAsync(other, theirs["token"]!.GetValue<string>()))["proposals"]![0]!["number"]!.GetValue<string>());
        await (await t.Admin.Client.GetAsync($"/v1/admin/estimate-links/{theirs["id"]}")).AssertProblemAsync(404, "not_found");
        await (await RevokeAsync(t, theirs)).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.PostAsync($"/v1/admin/estimate-links/{Guid.NewGuid()}/revoke", null)).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Open_WhileEstimateApprovalIsOff_IsTheSameNotFound_AndWorksAgainWhenItIsOn(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine]);
        var token = (await CreatedAsync(t, "cust-a", "prop-1"))["token"]!.GetValue<string>();
        var unknown = Comparable(await (await t.Portal().GetAsync($"/v1/public/estimate-links/est_{new string('B', 43)}")).AssertProblemAsync(404, "not_found"));

        await SetFeatureAsync(t.Admin, "estimateApproval", false);
        Assert.Equal(unknown, Comparable(await (await t.Portal().GetAsync($"/v1/public/estimate-links/{token}")).AssertProblemAsync(404, "not_found")));
        var listed = Assert.Single((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK))["data"]!.AsArray())!;
        Assert.Null(listed["lastViewedAt"]);

        await SetFeatureAsync(t.Admin, "estimateApproval", true);
        Assert.Equal("EST-1", (await OpenAsync(t, token))["proposals"]![0]!["number"]!.GetValue<string>());

        // With the portal off, every public endpoint answers 403 portal_not_available, as for payment links.
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["enabled"] = false;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        await (await t.Portal().GetAsync($"/v1/public/estimate-links/{token}")).AssertProblemAsync(403, "portal_not_available");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Links_NeedThePaymentScopes(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await SeedAsync(factory);
        var link = await CreatedAsync(t, "cust-a", "prop-1");

        // An integration client reads payments but does not write them.
        var secret = await AdminSession.ExpectAsync(
            await factory.CreatePlatformClient().PostAsJsonAsync($"/v1/platform/tenants/{t.Admin.TenantId}/api-clients", new { name = "Sync", role = "integration" }), HttpStatusCode.Created);
        var integration = factory.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", await AdminSession.TokenAsync(factory, secret["clientId"]!.GetValue<string>(), secret["clientSecret"]!.GetValue<string>()));
        await AdminSession.ExpectAsync(await integration.GetAsync("/v1/admin/customers/cust-a/estimate-links"), HttpStatusCode.OK);
        await AdminSession.ExpectAsync(await integration.GetAsync($"/v1/admin/estimate-links/{link["id"]}"), HttpStatusCode.OK);
        await (await integration.PostAsJsonAsync("/v1/admin/customers/cust-a/estimate-links", new { proposalIds = new[] { "prop-1" } })).AssertProblemAsync(403, "insufficient_scope");
        await (await integration.PostAsync($"/v1/admin/estimate-links/{link["id"]}/revoke", null)).AssertProblemAsync(403, "insufficient_scope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/v1/admin/customers/cust-a/estimate-links")).StatusCode);
    }

    [Fact]
    public async Task Open_IsRateLimitedPerIp_With429AndRetryAfter()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["RateLimits:PublicPerIpPerMinute"] = "3" });
        var t = await SeedAsync(factory);
        var token = (await CreatedAsync(t, "cust-a", "prop-1"))["token"]!.GetValue<string>();

        for (var i = 0; i < 3; i++)
        {
            await OpenAsync(t, token);
        }

        var limited = await t.Portal().GetAsync($"/v1/public/estimate-links/{token}");
        await limited.AssertProblemAsync(429, "too_many_requests");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("91", null)]
    [InlineData("20", "10")]
    public async Task Startup_WithADefaultLifetimeOutsideOneDayToTheMaximum_RefusesToStartNamingTheSetting(string defaultDays, string? maxDays)
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["EstimateLinks:DefaultDays"] = defaultDays, ["EstimateLinks:MaxDays"] = maxDays });

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var refusal = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(refusal);
        Assert.Contains("EstimateLinks:DefaultDays", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutALifetime_WorksTheConfiguredDefault()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?> { ["EstimateLinks:DefaultDays"] = "12", ["Portal:Links:EstimateLinkPath"] = "/quotes/view" });
        var t = await SeedAsync(factory);

        var created = await CreatedAsync(t, "cust-a", "prop-1");

        Assert.Equal(TimeSpan.FromDays(12), created["expiresAt"]!.GetValue<DateTimeOffset>() - created["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.StartsWith($"https://{t.Admin.HostName}.portal.example.com/quotes/view?token=est_", created["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A problem body without its traceId, which differs per request: what must be identical for every kind of unknown link.</summary>
    private static string Comparable(JsonNode problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        return copy.ToJsonString();
    }
}
