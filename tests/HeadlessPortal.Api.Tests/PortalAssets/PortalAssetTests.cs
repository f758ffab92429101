using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.PortalAssets;

/// <summary>Equipment, agreements and memberships in the portal: access per customer and tenant, billing access, visibility rules.</summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalAssetTests(ApiHosts hosts)
{
    private static object Money(long amount) => new { amount, currency = "usd" };

    private static object Invoice(string number, string billTo, string location, long total, long balance, string businessUnit = "bu-1") => new
    {
        number, billToCustomerId = billTo, locationId = location, businessUnitId = businessUnit, issueDate = "2026-11-01", dueDate = "2026-11-30",
        lines = new[] { new { description = "Plan", quantity = 1m, unitPrice = Money(total), amount = Money(total) } },
        subtotal = Money(total), tax = Money(0), total = Money(total), balance = Money(balance),
        payments = total > balance ? new[] { new { reference = "CHK-1", amount = Money(total - balance), paidAt = "2026-11-02T10:00:00Z", method = "check" } } : [],
    };

    private static object Plan(string customer, string status, string? job, string[] equipment, string[] invoices, string nameField = "name") => new Dictionary<string, object?>
    {
        ["customerId"] = customer, [nameField] = "Comfort plan", ["status"] = status, ["startDate"] = "2026-01-01", ["endDate"] = "2026-12-31",
        ["visits"] = new object[]
        {
            new { name = "Spring tune-up", targetDate = "2026-04-01", status = "completed", jobId = job },
            new { name = "Fall tune-up", targetDate = "2026-12-01", status = "unscheduled", jobId = (string?)null },
        },
        ["equipmentIds"] = equipment, ["invoiceIds"] = invoices,
    };

    /// <summary>
    /// A tenant with customers c-a (the user, billing), c-b (the user, service only) and c-x (someone else), each with a location,
    /// a job, a proposal, invoices, equipment, agreements and a membership. Answers the tenant and the user's access token.
    /// </summary>
    private static async Task<(PortalTenant Tenant, string Token)> ScenarioAsync(ApiFactory factory)
    {
        var t = await PortalTenant.CreateAsync(factory);
        async Task Put(string resource, string id, object doc) =>
            await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", doc), HttpStatusCode.Created);

        await Put("business-units", "bu-1", new { name = "Residential" });
        await Put("business-units", "bu-2", new { name = "Commercial" });
        foreach (var c in new[] { "a", "b", "x" })
        {
            await t.CustomerAsync($"c-{c}", $"Customer {c}");
            await Put("locations", $"loc-{c}", new { customerId = $"c-{c}", name = $"Home {c}", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
            await Put("jobs", $"job-{c}", new { number = $"J-{c}", customerId = $"c-{c}", locationId = $"loc-{c}", summary = $"Tune-up {c}", internalNotes = "Gate code 4411" });
            await Put("appointments", $"appt-{c}", new { jobId = $"job-{c}", start = "2026-10-05T09:00:00-05:00", end = "2026-10-05T11:00:00-05:00", status = "completed", technicianIds = Array.Empty<string>() });
            await Put("proposals", $"prop-{c}", new { number = $"P-{c}", customerId = $"c-{c}", locationId = $"loc-{c}", status = "open",
                options = new[] { new { name = "Good", lines = new[] { new { description = "Repair", quantity = 1m, unitPrice = Money(30_000), amount = Money(30_000) } }, total = Money(30_000) } } });
            await Put("invoices", $"inv-{c}1", Invoice($"INV-{c}1", $"c-{c}", $"loc-{c}", 21_900, 2_500));
            await Put("invoices", $"inv-{c}0", Invoice($"INV-{c}0", $"c-{c}", $"loc-{c}", 0, 0));
            await Put("invoices", $"inv-{c}2", Invoice($"INV-{c}2", $"c-{c}", $"loc-{c}", 5_000, 5_000, businessUnit: "bu-2"));
        }

        await Put("equipment", "eq-a1", new { locationId = "loc-a", type = "Air conditioner", manufacturer = "Trane", serial = "TRN-2311", installedOn = "2024-05-01",
            manufacturerWarranty = new { start = "2024-05-01", end = "2034-04-30", terms = "Parts, 10 years." }, jobIds = new[] { "job-a", "job-x" }, proposalIds = new[] { "prop-a", "prop-x" } });
        await Put("equipment", "eq-a2", new { locationId = "loc-a", type = "Furnace", serial = "trn 99/00", jobIds = Array.Empty<string>() });
        await Put("equipment", "eq-a3", new { locationId = "loc-a", type = "furnace", serial = "LNX-1", jobIds = Array.Empty<string>() });
        await Put("equipment", "eq-b1", new { locationId = "loc-b", type = "Rooftop unit", serial = "CAR-7", jobIds = new[] { "job-b" }, proposalIds = new[] { "prop-b" } });
        await Put("equipment", "eq-x1", new { locationId = "loc-x", type = "Air conditioner", serial = "TRN-0001", jobIds = new[] { "job-x" } });

        await Put("agreements", "agr-a", Plan("c-a", "active", "job-a", ["eq-a1", "eq-x1"], ["inv-a1", "inv-a0", "inv-a2", "inv-x1"]));
        await Put("agreements", "agr-a-pending", Plan("c-a", "pending", null, [], []));
        await Put("agreements", "agr-b", Plan("c-b", "active", "job-b", ["eq-b1"], ["inv-b1"]));
        await Put("agreements", "agr-x", Plan("c-x", "active", "job-x", ["eq-x1"], ["inv-x1"]));
        await Put("memberships", "mem-a", Plan("c-a", "expired", "job-a", ["eq-a2"], ["inv-a1"], nameField: "type"));
        await Put("memberships", "mem-b", Plan("c-b", "active", "job-b", ["eq-b1"], ["inv-b1"], nameField: "type"));
        await Put("memberships", "mem-x", Plan("c-x", "active", "job-x", ["eq-x1"], ["inv-x1"], nameField: "type"));

        // Only Residential invoices are visible to customers.
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["visibleBusinessUnitIds"] = new JsonArray("bu-1");
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        var email = PortalTenant.UniqueEmail();
        await t.ContactAsync("con-a", "c-a", email);
        await t.ContactAsync("con-b", "c-b", email, "serviceOnly");
        var tokens = await t.InviteAndAcceptAsync("con-a", email);
        return (t, tokens["accessToken"]!.GetValue<string>());
    }

    private static async Task<string> IdAsync(PortalTenant t, string resource, string externalId) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/{resource}/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<string>();

    private static async Task<List<JsonNode>> ListAllAsync(HttpClient portal, string path, int limit)
    {
        var all = new List<JsonNode>();
        string? after = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        do
        {
            var page = await AdminSession.ExpectAsync(await portal.GetAsync($"{path}{separator}limit={limit}" + (after is null ? "" : $"&after={after}")), HttpStatusCode.OK);
            Assert.True(page["data"]!.AsArray().Count <= limit);
            all.AddRange(page["data"]!.AsArray().Select(n => n!));
            after = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        return all;
    }

    private static async Task<List<string>> SerialsAsync(HttpClient portal, string query) =>
        (await ListAllAsync(portal, "/v1/portal/equipment" + query, 25)).Select(e => e["serial"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ListEquipment_ShowsAccessibleCustomersOnly_InPages_WithFiltersAndSerialPrefixSearch(TestDb engine)
    {
        var (t, token) = await ScenarioAsync(hosts[engine]);
        var portal = t.Portal(token);

        var all = await ListAllAsync(portal, "/v1/portal/equipment", limit: 2);
        Assert.Equal(["CAR-7", "LNX-1", "TRN-2311", "trn 99/00"], all.Select(e => e["serial"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(all.Select(e => e["id"]!.GetValue<string>()).Order(StringComparer.Ordinal), all.Select(e => e["id"]!.GetValue<string>()));
        var ac = all.Single(e => e["serial"]!.GetValue<string>() == "TRN-2311");
        Assert.Equal("Home a", ac["location"]!["name"]!.GetValue<string>());
        Assert.Equal("2034-04-30", ac["manufacturerWarranty"]!["end"]!.GetValue<string>());
        Assert.Null(ac["externalId"]);

        Assert.Equal(["TRN-2311", "trn 99/00"], await SerialsAsync(portal, "?serial=trn"));
        Assert.Equal(["TRN-2311"], await SerialsAsync(portal, "?serial=Trn-23"));
        Assert.Equal(["trn 99/00"], await SerialsAsync(portal, "?serial=TRN9"));
        Assert.Empty(await SerialsAsync(portal, "?serial=TRN0"));
        Assert.Equal(["LNX-1", "trn 99/00"], await SerialsAsync(portal, "?type=FURNACE"));
        Assert.Equal(["CAR-7"], await SerialsAsync(portal, $"?locationId={await IdAsync(t, "locations", "loc-b")}"));
        Assert.Empty(await SerialsAsync(portal, $"?locationId={await IdAsync(t, "locations", "loc-x")}"));

        await (await portal.GetAsync("/v1/portal/equipment?serial=--")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/equipment?limit=0")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/equipment?after=nope")).AssertProblemAsync(400, "validation_failed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await t.Portal().GetAsync("/v1/portal/equipment")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetEquipment_ShowsHistory_ProposalsOnlyWithBillingAccess_And404ForOthers(TestDb engine)
    {
        var (t, token) = await ScenarioAsync(hosts[engine]);
        var (other, _) = await ScenarioAsync(hosts[engine]);
        var portal = t.Portal(token);

        var ac = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/equipment/{await IdAsync(t, "equipment", "eq-a1")}"), HttpStatusCode.OK);
        var history = Assert.Single(ac["serviceHistory"]!.AsArray());
        Assert.Equal("J-a", history!["number"]!.GetValue<string>());
        Assert.NotNull(history["lastAppointmentAt"]);
        Assert.DoesNotContain("Gate code", ac.ToJsonString(), StringComparison.Ordinal);
        var proposal = Assert.Single(ac["proposals"]!.AsArray());
        Assert.Equal("P-a", proposal!["number"]!.GetValue<string>());
        Assert.Equal(30_000, proposal["options"]![0]!["total"]!["amount"]!.GetValue<long>());
        Assert.Equal("open", proposal["status"]!.GetValue<string>());

        // Once the customer declines it in the portal, the equipment says so too, though the back office still says open.
        var proposalId = proposal["id"]!.GetValue<Guid>();
        var decline = new HttpRequestMessage(HttpMethod.Post, $"/v1/portal/proposals/{proposalId}/decline") { Content = JsonContent.Create(new { reason = "Not now" }) };
        decline.Headers.Add("Idempotency-Key", "decline-p-a");
        await AdminSession.ExpectAsync(await portal.SendAsync(decline), HttpStatusCode.Created);
        var declined = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/equipment/{await IdAsync(t, "equipment", "eq-a1")}"), HttpStatusCode.OK);
        Assert.Equal("declined", Assert.Single(declined["proposals"]!.AsArray())!["status"]!.GetValue<string>());

        // Service only: the equipment and its jobs, never its proposals.
        var rtu = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/equipment/{await IdAsync(t, "equipment", "eq-b1")}"), HttpStatusCode.OK);
        Assert.Equal("J-b", Assert.Single(rtu["serviceHistory"]!.AsArray())!["number"]!.GetValue<string>());
        Assert.Empty(rtu["proposals"]!.AsArray());

        foreach (var id in new[] { await IdAsync(t, "equipment", "eq-x1"), await IdAsync(other, "equipment", "eq-a1"), Guid.CreateVersion7().ToString() })
        {
            await (await portal.GetAsync($"/v1/portal/equipment/{id}")).AssertProblemAsync(404, "not_found");
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Agreements_ShowVisibleStatusesOnly_InvoicesByTheRules_And404ForOthers(TestDb engine)
    {
        var (t, token) = await ScenarioAsync(hosts[engine]);
        var (other, _) = await ScenarioAsync(hosts[engine]);
        var portal = t.Portal(token);
        var pendingId = await IdAsync(t, "agreements", "agr-a-pending");

        var listed = await ListAllAsync(portal, "/v1/portal/agreements", limit: 1);
        Assert.Equal([await IdAsync(t, "agreements", "agr-a"), await IdAsync(t, "agreements", "agr-b")], listed.Select(a => a["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        await (await portal.GetAsync($"/v1/portal/agreements/{pendingId}")).AssertProblemAsync(404, "not_found");

        // Billing access: visits with their jobs, the customer's own equipment, and only invoices that pass invoice visibility.
        var agreement = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/agreements/{await IdAsync(t, "agreements", "agr-a")}"), HttpStatusCode.OK);
        Assert.Equal("active", agreement["status"]!.GetValue<string>());
        Assert.Equal("J-a", agreement["visits"]![0]!["job"]!["number"]!.GetValue<string>());
        Assert.Null(agreement["visits"]![1]!["job"]);
        Assert.Equal("unscheduled", agreement["visits"]![1]!["status"]!.GetValue<string>());
        Assert.Equal("TRN-2311", Assert.Single(agreement["equipment"]!.AsArray())!["serial"]!.GetValue<string>());
        var invoice = Assert.Single(agreement["invoices"]!.AsArray());
        Assert.Equal("INV-a1", invoice!["number"]!.GetValue<string>());
        Assert.Equal(21_900, invoice["total"]!["amount"]!.GetValue<long>());

        // Service only: the agreement and its visits, no invoices.
        var serviceOnly = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/agreements/{await IdAsync(t, "agreements", "agr-b")}"), HttpStatusCode.OK);
        Assert.Equal("J-b", serviceOnly["visits"]![0]!["job"]!["number"]!.GetValue<string>());
        Assert.Single(serviceOnly["equipment"]!.AsArray());
        Assert.Empty(serviceOnly["invoices"]!.AsArray());

        foreach (var id in new[] { await IdAsync(t, "agreements", "agr-x"), await IdAsync(other, "agreements", "agr-a"), Guid.CreateVersion7().ToString() })
        {
            await (await portal.GetAsync($"/v1/portal/agreements/{id}")).AssertProblemAsync(404, "not_found");
        }

        // The tenant shows pending agreements too: listed and readable.
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["visibleAgreementStatuses"] = new JsonArray("active", "pending");
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        Assert.Contains(await ListAllAsync(portal, "/v1/portal/agreements", limit: 25), a => a["id"]!.GetValue<string>() == pendingId);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync($"/v1/portal/agreements/{pendingId}")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Memberships_ShowEveryStatus_InvoicesOnlyWithBillingAccess_And404ForOthers(TestDb engine)
    {
        var (t, token) = await ScenarioAsync(hosts[engine]);
        var (other, _) = await ScenarioAsync(hosts[engine]);
        var portal = t.Portal(token);

        var listed = await ListAllAsync(portal, "/v1/portal/memberships", limit: 1);
        Assert.Equal([await IdAsync(t, "memberships", "mem-a"), await IdAsync(t, "memberships", "mem-b")], listed.Select(m => m["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var expired = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/memberships/{await IdAsync(t, "memberships", "mem-a")}"), HttpStatusCode.OK);
        Assert.Equal("expired", expired["status"]!.GetValue<string>());
        Assert.Equal("Comfort plan", expired["type"]!.GetValue<string>());
        Assert.Equal("INV-a1", Assert.Single(expired["invoices"]!.AsArray())!["number"]!.GetValue<string>());
        Assert.Equal("trn 99/00", Assert.Single(expired["equipment"]!.AsArray())!["serial"]!.GetValue<string>());

        var serviceOnly = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/memberships/{await IdAsync(t, "memberships", "mem-b")}"), HttpStatusCode.OK);
        Assert.Empty(serviceOnly["invoices"]!.AsArray());
        Assert.Equal("J-b", serviceOnly["visits"]![0]!["job"]!["number"]!.GetValue<string>());

        foreach (var id in new[] { await IdAsync(t, "memberships", "mem-x"), await IdAsync(other, "memberships", "mem-a"), Guid.CreateVersion7().ToString() })
        {
            await (await portal.GetAsync($"/v1/portal/memberships/{id}")).AssertProblemAsync(404, "not_found");
        }
    }
}
