using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using UglyToad.PdfPig;
using static HeadlessPortal.Api.Tests.EstimateLinks.EstimateLinkData;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.EstimateLinks;

/// <summary>Reading, downloading, accepting and declining estimates through an estimate link, without an account (PRODUCT.md#direct-links).</summary>
[Collection(ApiCollection.Work)]
public sealed class EstimateLinkDecisionTests(ApiHosts hosts)
{
    /// <summary>Customer cust-a (contact billing@ with billing access, service@ with service only) with prop-1, prop-2 and prop-3; cust-b with prop-b.</summary>
    private static async Task<(PortalTenant Tenant, string Billing, string Service)> SeedAsync(ApiFactory factory)
    {
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        var billing = PortalTenant.UniqueEmail("billing");
        var service = PortalTenant.UniqueEmail("service");
        await t.ContactAsync("con-billing", "cust-a", billing);
        await t.ContactAsync("con-service", "cust-a", service, "serviceOnly");
        await SyncAsync(t.Admin, "locations", "loc-a", new { customerId = "cust-a", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await SyncAsync(t.Admin, "jobs", "job-a", new { number = "J-100", customerId = "cust-a", locationId = "loc-a" });
        await SyncAsync(t.Admin, "proposals", "prop-1", WithJob(ProposalBody("EST-1", "cust-a"), "job-a"));
        await SyncAsync(t.Admin, "proposals", "prop-2", ProposalBody("EST-2", "cust-a"));
        await SyncAsync(t.Admin, "proposals", "prop-3", ProposalBody("EST-3", "cust-a"));
        await SyncAsync(t.Admin, "proposals", "prop-b", ProposalBody("EST-9", "cust-b"));
        return (t, billing, service);
    }

    private static JsonObject WithJob(object body, string jobId)
    {
        var node = NodeOf(body);
        node["jobId"] = jobId;
        return node;
    }

    private static JsonObject NodeOf(object body) => System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();

    private static async Task<JsonNode> CreateLinkAsync(PortalTenant t, string customer, params string[] proposalIds) =>
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsJsonAsync($"/v1/admin/customers/{customer}/estimate-links", new { proposalIds }), HttpStatusCode.Created);

    private static async Task<string> LinkAsync(PortalTenant t, string customer, params string[] proposalIds) =>
        (await CreateLinkAsync(t, customer, proposalIds))["token"]!.GetValue<string>();

    private static string PathOf(string token, Guid proposalId) => $"/v1/public/estimate-links/{Uri.EscapeDataString(token)}/proposals/{proposalId}";

    private static Task<HttpResponseMessage> PostAsync(PortalTenant t, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.UserAgent.ParseAdd("HomeownerPhone/1.0");
        return t.Portal().SendAsync(request);
    }

    private static object Typed(string optionId, string sha, string name) =>
        new { optionId, documentSha256 = sha, signature = new { type = "typed", name }, agreedToTerms = true };

    private static async Task<Guid> IdAsync(PortalTenant t, string externalId) => (await GetAsync(t.Admin, "proposals", externalId))["id"]!.GetValue<Guid>();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ThroughALink_TheHolderReadsSignsAndDeclines_AndTheOfficeSeesItWasViaTheLink(TestDb engine)
    {
        var (t, billing, service) = await SeedAsync(hosts[engine]);
        var token = await LinkAsync(t, "cust-a", "prop-1", "prop-2");
        var first = await IdAsync(t, "prop-1");
        var second = await IdAsync(t, "prop-2");

        // The link shows each proposal as the portal does: option ids, what can be decided, the document version, its PDF on the link's route.
        var view = await AdminSession.ExpectAsync(await t.Portal().GetAsync($"/v1/public/estimate-links/{token}"), HttpStatusCode.OK);
        var shown = view["proposals"]![0]!;
        Assert.Equal(first, shown["id"]!.GetValue<Guid>());
        Assert.True(shown["canDecide"]!.GetValue<bool>());
        Assert.Equal(["1", "2"], shown["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal(PathOf(token, first) + "/document", shown["documentUrl"]!.GetValue<string>());
        Assert.Equal("J-100", shown["job"]!["name"]!.GetValue<string>());
        var sha = shown["documentSha256"]!.GetValue<string>();
        var detail = await AdminSession.ExpectAsync(await t.Portal().GetAsync(PathOf(token, first)), HttpStatusCode.OK);
        Assert.Equal(sha, detail["documentSha256"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(detail["consent"]!["text"]!.GetValue<string>()));

        // The PDF, cacheable by its version.
        var pdf = await t.Portal().GetAsync(PathOf(token, first) + "/document");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"\"{sha}\"", pdf.Headers.ETag!.Tag);
        Assert.True(pdf.Headers.CacheControl!.Private);
        var conditional = new HttpRequestMessage(HttpMethod.Get, PathOf(token, first) + "/document");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await t.Portal().SendAsync(conditional)).StatusCode);

        // Accept with a typed signature: 201, the decision through the link; a retry with the same key answers the same decision.
        var response = await PostAsync(t, PathOf(token, first) + "/acceptance", Typed("2", sha, "Avery Smith"), "link-key-1");
        var decision = await AdminSession.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal(PathOf(token, first), response.Headers.Location!.OriginalString);
        Assert.Equal("accepted", decision["outcome"]!.GetValue<string>());
        Assert.Equal("link", decision["channel"]!.GetValue<string>());
        Assert.Equal("Avery Smith", decision["signerName"]!.GetValue<string>());
        var replay = await AdminSession.ExpectAsync(await PostAsync(t, PathOf(token, first) + "/acceptance", Typed("2", sha, "Avery Smith"), "link-key-1"), HttpStatusCode.Created);
        Assert.Equal(decision["id"]!.GetValue<Guid>(), replay["id"]!.GetValue<Guid>());
        await (await PostAsync(t, PathOf(token, first) + "/acceptance", Typed("1", sha, "Avery Smith"), "link-key-2")).AssertProblemAsync(409, "proposal_already_decided");

        // The signed PDF names the proposal, the chosen option's total and the signer.
        var signed = await t.Portal().GetAsync(PathOf(token, first) + "/document");
        Assert.StartsWith($"\"{sha}.", signed.Headers.ETag!.Tag, StringComparison.Ordinal);
        using (var document = PdfDocument.Open(await signed.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.Contains("EST-1", text, StringComparison.Ordinal);
            Assert.Contains("$9,450.00", text, StringComparison.Ordinal);
            Assert.Contains("Avery Smith", text, StringComparison.Ordinal);
        }

        // Decline the other with a reason.
        var declined = await AdminSession.ExpectAsync(
            await PostAsync(t, PathOf(token, second) + "/decline", new { reason = "We will repair the old one." }, "link-key-3"), HttpStatusCode.Created);
        Assert.Equal("declined", declined["outcome"]!.GetValue<string>());
        var after = await AdminSession.ExpectAsync(await t.Portal().GetAsync($"/v1/public/estimate-links/{token}"), HttpStatusCode.OK);
        Assert.Equal(["accepted", "declined"], after["proposals"]!.AsArray().Select(p => p!["status"]!.GetValue<string>()));
        Assert.All(after["proposals"]!.AsArray(), p => Assert.Equal("proposal_already_decided", p!["reason"]!.GetValue<string>()));

        // The office: the evidence names the link, not a portal user; the audit says "via link"; the events say link.
        var admin = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/proposals/prop-1"), HttpStatusCode.OK);
        var evidence = admin["customerDecision"]!;
        Assert.Equal("link", evidence["channel"]!.GetValue<string>());
        Assert.NotNull(evidence["estimateLinkId"]);
        Assert.Null(evidence["portalUserId"]);
        Assert.Equal("HomeownerPhone/1.0", evidence["userAgent"]!.GetValue<string>());
        Assert.Equal(sha, evidence["documentSha256"]!.GetValue<string>());
        var trail = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-a/audit-trail"), HttpStatusCode.OK);
        var entry = Assert.Single(trail["data"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "proposal.accepted")!;
        Assert.Equal("via link", entry["details"]!["channel"]!.GetValue<string>());
        Assert.StartsWith("estimate-link:", entry["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        var outbox = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?limit=100"), HttpStatusCode.OK);
        Assert.Equal("link", Assert.Single(outbox["data"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "proposal.accepted")!["payload"]!["channel"]!.GetValue<string>());
        Assert.Equal("link", Assert.Single(outbox["data"]!.AsArray(), m => m!["type"]!.GetValue<string>() == "proposal.declined")!["payload"]!["channel"]!.GetValue<string>());

        // The confirmation goes to the contacts the company sends its estimates to (billing access), not to service-only contacts.
        var confirmation = await t.Factory.Mailbox.WaitForAsync(billing, e => e.Subject.Contains("accepted estimate EST-1", StringComparison.Ordinal));
        Assert.Contains("Avery Smith", confirmation.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(t.Factory.Mailbox.All(), e => e.To == service);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ALink_ReachesOnlyItsOwnProposals_AndNothingOnceRevokedOrWhileEstimateApprovalIsOff(TestDb engine)
    {
        var (t, _, _) = await SeedAsync(hosts[engine]);
        var link = await CreateLinkAsync(t, "cust-a", "prop-1");
        var token = link["token"]!.GetValue<string>();
        var mine = await IdAsync(t, "prop-1");
        var sameCustomer = await IdAsync(t, "prop-3");
        var otherCustomer = await IdAsync(t, "prop-b");
        var sha = (await AdminSession.ExpectAsync(await t.Portal().GetAsync(PathOf(token, mine)), HttpStatusCode.OK))["documentSha256"]!.GetValue<string>();

        async Task AssertUnreachableAsync(string linkToken, Guid id)
        {
            await (await t.Portal().GetAsync(PathOf(linkToken, id))).AssertProblemAsync(404, "not_found");
            await (await t.Portal().GetAsync(PathOf(linkToken, id) + "/document")).AssertProblemAsync(404, "not_found");
            await (await PostAsync(t, PathOf(linkToken, id) + "/acceptance", Typed("1", sha, "Avery Smith"), Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
            await (await PostAsync(t, PathOf(linkToken, id) + "/decline", new { reason = "no" }, Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
        }

        // Another proposal of the same customer, another customer's, an unknown id, and another company's link to the same kind of proposal.
        await AssertUnreachableAsync(token, sameCustomer);
        await AssertUnreachableAsync(token, otherCustomer);
        await AssertUnreachableAsync(token, Guid.NewGuid());
        await AssertUnreachableAsync("est_" + new string('A', 43), mine);
        var (other, _, _) = await SeedAsync(hosts[engine]);
        await AssertUnreachableAsync(await LinkAsync(other, "cust-a", "prop-1"), mine);

        // Estimate approval off: nothing, and nothing is decided; on again, the link works.
        await SetFeatureAsync(t.Admin, "estimateApproval", false);
        await AssertUnreachableAsync(token, mine);
        await SetFeatureAsync(t.Admin, "estimateApproval", true);
        await AdminSession.ExpectAsync(await t.Portal().GetAsync(PathOf(token, mine)), HttpStatusCode.OK);

        // Revoked: nothing either, and the proposal stays undecided.
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync($"/v1/admin/estimate-links/{link["id"]}/revoke", null), HttpStatusCode.OK);
        await AssertUnreachableAsync(token, mine);
        Assert.Null((await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/proposals/prop-1"), HttpStatusCode.OK))["customerDecision"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ThroughALink_BadBodiesAreRefusedAsInThePortal_AndAChangedEstimateMustBeReadAgain(TestDb engine)
    {
        var (t, _, _) = await SeedAsync(hosts[engine]);
        var token = await LinkAsync(t, "cust-a", "prop-1");
        var id = await IdAsync(t, "prop-1");
        var sha = (await AdminSession.ExpectAsync(await t.Portal().GetAsync(PathOf(token, id)), HttpStatusCode.OK))["documentSha256"]!.GetValue<string>();

        var noKey = await t.Portal().PostAsJsonAsync(PathOf(token, id) + "/acceptance", Typed("1", sha, "Avery Smith"));
        await noKey.AssertProblemAsync(400, "validation_failed");
        await (await PostAsync(t, PathOf(token, id) + "/acceptance", new { optionId = "1", documentSha256 = sha, agreedToTerms = false, signature = new { type = "typed", name = "A" } }, "k1"))
            .AssertProblemAsync(400, "validation_failed");
        await (await PostAsync(t, PathOf(token, id) + "/acceptance", Typed("9", sha, "Avery Smith"), "k2")).AssertProblemAsync(422, "unknown_option");
        await (await PostAsync(t, PathOf(token, id) + "/decline", new { reason = new string('x', 2001) }, "k3")).AssertProblemAsync(400, "validation_failed");

        // The company changes the estimate after it was read: the old version is refused, the new one accepted.
        var changed = NodeOf(ProposalBody("EST-1", "cust-a"));
        changed["summary"] = "Replace the air conditioner and the thermostat";
        await SyncAsync(t.Admin, "proposals", "prop-1", changed);
        await (await PostAsync(t, PathOf(token, id) + "/acceptance", Typed("1", sha, "Avery Smith"), "k4")).AssertProblemAsync(409, "proposal_changed");
        var fresh = (await AdminSession.ExpectAsync(await t.Portal().GetAsync(PathOf(token, id)), HttpStatusCode.OK))["documentSha256"]!.GetValue<string>();
        Assert.NotEqual(sha, fresh);
        await AdminSession.ExpectAsync(await PostAsync(t, PathOf(token, id) + "/acceptance", Typed("1", fresh, "Avery Smith"), "k5"), HttpStatusCode.Created);
    }
}
