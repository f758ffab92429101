using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.PortalInvoices;

/// <summary>Invoices, Bill-To customers and "My tasks" over HTTP: visibility (PRODUCT.md#invoice-visibility), order, pages, filters.</summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalInvoiceTests(ApiHosts hosts)
{
    private static object Money(long amount) => new { amount, currency = "usd" };

    private static object Invoice(string number, string billTo, long total, long balance, string issueDate, string? businessUnitId = null, string? jobId = null) => new
    {
        number, billToCustomerId = billTo, jobId, locationId = (string?)null, businessUnitId, issueDate, dueDate = (string?)null,
        lines = new[] { new { description = "Service call", quantity = 1m, unitPrice = Money(total), amount = Money(total) } },
        subtotal = Money(total), tax = Money(0), total = Money(total), balance = Money(balance), summary = "Replaced capacitor",
        payments = total > balance ? new[] { new { reference = "CHK-7", amount = Money(total - balance), paidAt = "2026-11-02T10:00:00Z", method = "check" } } : [],
    };

    private static async Task SyncAsync(PortalTenant t, string resource, string id, object document)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", document);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Syncs an invoice; a paid one is first sent unpaid, as the back office would, so it once had a balance.</summary>
    private static async Task InvoiceAsync(PortalTenant t, string id, string number, string billTo, long total, long balance, string issueDate, string? businessUnitId = null)
    {
        if (balance == 0 && total > 0)
        {
            await SyncAsync(t, "invoices", id, Invoice(number, billTo, total, total, issueDate, businessUnitId));
        }

        await SyncAsync(t, "invoices", id, Invoice(number, billTo, total, balance, issueDate, businessUnitId));
    }

    private static async Task<Guid> IdAsync(PortalTenant t, string resource, string externalId) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/{resource}/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<Guid>();

    private static async Task<HttpClient> SignInAsync(PortalTenant t, string contactId, string email) =>
        t.Portal((await t.InviteAndAcceptAsync(contactId, email))["accessToken"]!.GetValue<string>());

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await AdminSession.ExpectAsync(await client.GetAsync(url), HttpStatusCode.OK);

    private static List<string> Numbers(JsonNode page) => page["data"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).ToList();

    /// <summary>
    /// A: billing for the user; B: service only; C: someone else's. Invoices of A: open and paid in the shown unit,
    /// a $0 one, one in a hidden unit; one each of B and C. Only business unit bu-shown is visible.
    /// </summary>
    private static async Task<PortalTenant> SeedVisibilityAsync(ApiFactory factory, string email)
    {
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.CustomerAsync("cust-c", "Carter Family");
        await t.ContactAsync("con-a", "cust-a", email);
        await t.ContactAsync("con-b", "cust-b", email, "serviceOnly");
        await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync("/v1/admin/business-units/bu-shown", new { name = "Residential" }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync("/v1/admin/business-units/bu-hidden", new { name = "Commercial" }), HttpStatusCode.Created);
        await InvoiceAsync(t, "a-open", "A-OPEN", "cust-a", 20_000, 15_000, "2026-11-10", "bu-shown");
        await InvoiceAsync(t, "a-paid", "A-PAID", "cust-a", 9_000, 0, "2026-11-12", "bu-shown");
        await InvoiceAsync(t, "a-zero", "A-ZERO", "cust-a", 0, 0, "2026-11-13", "bu-shown");
        await InvoiceAsync(t, "a-hidden", "A-HIDDEN", "cust-a", 5_000, 5_000, "2026-11-14", "bu-hidden");
        await InvoiceAsync(t, "b-open", "B-OPEN", "cust-b", 7_000, 7_000, "2026-11-11", "bu-shown");
        await InvoiceAsync(t, "c-open", "C-OPEN", "cust-c", 8_000, 8_000, "2026-11-11", "bu-shown");

        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["visibleBusinessUnitIds"] = new JsonArray("bu-shown");
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        return t;
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Invoices_ListOnlyBillingCustomersInvoicesThatHadABalanceInVisibleUnits_UnpaidFirst(TestDb engine)
    {
        var email = PortalTenant.UniqueEmail("avery");
        var t = await SeedVisibilityAsync(hosts[engine], email);
        var portal = await SignInAsync(t, "con-a", email);

        var page = await GetAsync(portal, "/v1/portal/invoices");
        Assert.Equal(["A-OPEN", "A-PAID"], Numbers(page));
        Assert.False(page["hasMore"]!.GetValue<bool>());
        var open = page["data"]![0]!;
        Assert.Equal("open", open["status"]!.GetValue<string>());
        Assert.Equal(15_000, open["balance"]!["amount"]!.GetValue<long>());
        Assert.Equal("Avery Household", open["billTo"]!["name"]!.GetValue<string>());

        Assert.Equal(["A-OPEN"], Numbers(await GetAsync(portal, "/v1/portal/invoices?status=open")));
        Assert.Equal(["A-PAID"], Numbers(await GetAsync(portal, "/v1/portal/invoices?status=paid")));
        Assert.Equal(["A-OPEN", "A-PAID"], Numbers(await GetAsync(portal, $"/v1/portal/invoices?billToCustomerId={await IdAsync(t, "customers", "cust-a")}")));

        // A Bill-To the user has no billing access to (service only, someone else's, unknown) lists nothing.
        foreach (var other in new[] { await IdAsync(t, "customers", "cust-b"), await IdAsync(t, "customers", "cust-c"), Guid.NewGuid() })
        {
            Assert.Empty(Numbers(await GetAsync(portal, $"/v1/portal/invoices?billToCustomerId={other}")));
        }

        await (await portal.GetAsync("/v1/portal/invoices?status=overdue")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/invoices?limit=0")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/invoices?after=not-a-cursor")).AssertProblemAsync(400, "validation_failed");

        var billTo = (await GetAsync(portal, "/v1/portal/bill-to-customers"))["data"]!.AsArray();
        var only = Assert.Single(billTo)!;
        Assert.Equal("Avery Household", only["name"]!.GetValue<string>());
        Assert.Equal(15_000, only["openBalance"]!["amount"]!.GetValue<long>());
        Assert.Equal("usd", only["openBalance"]!["currency"]!.GetValue<string>());
        Assert.Equal(1, only["unpaidInvoiceCount"]!.GetValue<int>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Invoice_WhenHiddenOrSomeoneElsesOrAnotherTenants_IsNotFound(TestDb engine)
    {
        var email = PortalTenant.UniqueEmail("avery");
        var t = await SeedVisibilityAsync(hosts[engine], email);
        var portal = await SignInAsync(t, "con-a", email);

        var other = await PortalTenant.CreateAsync(hosts[engine]);
        await other.CustomerAsync("cust-a", "Avery Household");
        await SyncAsync(other, "invoices", "a-open", Invoice("A-OPEN", "cust-a", 20_000, 15_000, "2026-11-10"));
        var otherTenants = await IdAsync(other, "invoices", "a-open");

        foreach (var id in new[] { await IdAsync(t, "invoices", "a-zero"), await IdAsync(t, "invoices", "a-hidden"), await IdAsync(t, "invoices", "b-open"),
                     await IdAsync(t, "invoices", "c-open"), otherTenants, Guid.NewGuid() })
        {
            await (await portal.GetAsync($"/v1/portal/invoices/{id}")).AssertProblemAsync(404, "not_found");
        }

        await (await portal.GetAsync("/v1/portal/invoices/not-an-id")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Invoice_Detail_HasLinesTotalsPaymentsAndWhyItCannotBePaid(TestDb engine)
    {
        var email = PortalTenant.UniqueEmail("avery");
        var t = await SeedVisibilityAsync(hosts[engine], email);
        await SyncAsync(t, "locations", "loc-a", new { customerId = "cust-a", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await SyncAsync(t, "jobs", "job-a", new { number = "J-100", customerId = "cust-a", locationId = "loc-a", summary = "AC not cooling", internalNotes = "Dog in yard" });
        var document = JsonSerializer(Invoice("A-OPEN", "cust-a", 20_000, 15_000, "2026-11-10", "bu-shown", "job-a"));
        document["locationId"] = "loc-a";
        await SyncAsync(t, "invoices", "a-open", document);
        var portal = await SignInAsync(t, "con-a", email);

        var invoice = await GetAsync(portal, $"/v1/portal/invoices/{await IdAsync(t, "invoices", "a-open")}");
        Assert.Equal("A-OPEN", invoice["number"]!.GetValue<string>());
        Assert.Equal("Service call", invoice["lines"]![0]!["description"]!.GetValue<string>());
        Assert.Equal(20_000, invoice["total"]!["amount"]!.GetValue<long>());
        Assert.Equal(5_000, invoice["amountPaid"]!["amount"]!.GetValue<long>());
        Assert.Equal(15_000, invoice["balance"]!["amount"]!.GetValue<long>());
        Assert.Equal("check", invoice["payments"]![0]!["method"]!.GetValue<string>());
        Assert.Equal("J-100", invoice["job"]!["number"]!.GetValue<string>());
        Assert.Equal("Springfield", invoice["location"]!["address"]!["city"]!.GetValue<string>());
        Assert.DoesNotContain("Dog in yard", invoice.ToJsonString(), StringComparison.Ordinal);

        // No payment account can be connected yet, so online payments are never ready.
        Assert.False(invoice["payment"]!["payable"]!.GetValue<bool>());
        Assert.Equal("payments_disabled", invoice["payment"]!["reason"]!.GetValue<string>());
        Assert.False(invoice["payment"]!["partialPaymentsAllowed"]!.GetValue<bool>());
        Assert.Null(invoice["payment"]!["minimumAmount"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Invoices_ForAServiceOnlyUser_AreNeitherListedNorFound(TestDb engine)
    {
        var email = PortalTenant.UniqueEmail("birch");
        var t = await SeedVisibilityAsync(hosts[engine], PortalTenant.UniqueEmail("avery"));
        await t.ContactAsync("con-b2", "cust-b", email, "serviceOnly");
        var portal = await SignInAsync(t, "con-b2", email);

        Assert.Empty(Numbers(await GetAsync(portal, "/v1/portal/invoices")));
        Assert.Empty((await GetAsync(portal, "/v1/portal/bill-to-customers"))["data"]!.AsArray());
        await (await portal.GetAsync($"/v1/portal/invoices/{await IdAsync(t, "invoices", "b-open")}")).AssertProblemAsync(404, "not_found");
        var tasks = await GetAsync(portal, "/v1/portal/tasks");
        Assert.Equal(0, tasks["invoicesToPay"]!["count"]!.GetValue<int>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Invoices_AcrossPages_ComeUnpaidFirstThenNewestWithoutGapsOrDuplicates(TestDb engine)
    {
        var email = PortalTenant.UniqueEmail("multi");
        var t = await PortalTenant.CreateAsync(hosts[engine]);
        await t.CustomerAsync("cust-z", "Zeta Holdings");
        await t.CustomerAsync("cust-y", "alpha house");
        await t.CustomerAsync("cust-x", "Beta Homes");
        await t.ContactAsync("con-z", "cust-z", email);
        await t.ContactAsync("con-y", "cust-y", email);
        await t.ContactAsync("con-x", "cust-x", email);

        // (number, bill-to, balance, issue date): several share a date, so the id breaks ties.
        var invoices = new (string Number, string BillTo, long Balance, string Date)[]
        {
            ("Z1", "cust-z", 100, "2026-10-01"), ("Z2", "cust-z", 0, "2026-11-05"), ("Z3", "cust-z", 300, "2026-11-05"), ("Z4", "cust-z", 0, "2026-09-01"),
            ("Z5", "cust-z", 500, "2026-11-05"), ("Y1", "cust-y", 0, "2026-11-20"), ("Y2", "cust-y", 0, "2026-11-05"), ("Y3", "cust-y", 0, "2026-08-15"),
            ("X1", "cust-x", 0, "2026-07-01"),
        };
        foreach (var (number, billTo, balance, date) in invoices)
        {
            await InvoiceAsync(t, "inv-" + number, number, billTo, 1_000, balance, date);
        }

        var ids = new Dictionary<string, Guid>();
        foreach (var i in invoices)
        {
            ids[i.Number] = await IdAsync(t, "invoices", "inv-" + i.Number);
        }

        var expected = invoices.OrderBy(i => i.Balance > 0 ? 0 : 1).ThenByDescending(i => i.Date, StringComparer.Ordinal).ThenByDescending(i => ids[i.Number])
            .Select(i => i.Number).ToList();
        var portal = await SignInAsync(t, "con-z", email);

        foreach (var limit in new[] { 1, 2, 4, 100 })
        {
            var seen = new List<string>();
            string? after = null;
            do
            {
                var page = await GetAsync(portal, $"/v1/portal/invoices?limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
                var numbers = Numbers(page);
                Assert.True(numbers.Count <= limit);
                seen.AddRange(numbers);
                after = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);

            Assert.Equal(expected, seen);
        }

        // Customers with unpaid invoices first, then by name (ignoring case).
        var customers = (await GetAsync(portal, "/v1/portal/bill-to-customers"))["data"]!.AsArray();
        Assert.Equal(["Zeta Holdings", "alpha house", "Beta Homes"], customers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(900, customers[0]!["openBalance"]!["amount"]!.GetValue<long>());
        Assert.Equal(3, customers[0]!["unpaidInvoiceCount"]!.GetValue<int>());
        Assert.Equal(0, customers[1]!["openBalance"]!["amount"]!.GetValue<long>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Tasks_ListInvoicesToPayUpcomingAppointmentsProposalsToSignAndAgreementVisitsToSchedule(TestDb engine)
    {
        var email = PortalTenant.UniqueEmail("avery");
        var t = await SeedVisibilityAsync(hosts[engine], email);
        var now = DateTimeOffset.UtcNow;
        string At(int days, int hours = 0) => now.AddDays(days).AddHours(hours).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        string Day(int days) => DateOnly.FromDateTime(now.AddDays(days).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (customer, suffix) in new[] { ("cust-a", "a"), ("cust-b", "b"), ("cust-c", "c") })
        {
            await SyncAsync(t, "locations", "loc-" + suffix, new { customerId = customer, address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
            await SyncAsync(t, "jobs", "job-" + suffix, new { number = "J-" + suffix, customerId = customer, locationId = "loc-" + suffix, summary = "Tune-up " + suffix });
        }

        object Appointment(string job, int days, string status) => new { jobId = job, start = At(days), end = At(days, 2), status, technicianIds = Array.Empty<string>() };
        await SyncAsync(t, "appointments", "ap-later", Appointment("job-a", 9, "scheduled"));
        await SyncAsync(t, "appointments", "ap-soon", Appointment("job-b", 2, "dispatched"));
        await SyncAsync(t, "appointments", "ap-past", Appointment("job-a", -2, "scheduled"));
        await SyncAsync(t, "appointments", "ap-canceled", Appointment("job-a", 3, "canceled"));
        await SyncAsync(t, "appointments", "ap-other", Appointment("job-c", 4, "scheduled"));

        object Proposal(string customer, string status) => new
        {
            number = "P-" + customer, customerId = customer, status,
            options = new[] { new { name = "Good", lines = new[] { new { description = "Repair", quantity = 1m, unitPrice = Money(30_000), amount = Money(30_000) } }, total = Money(30_000) } },
        };
        await SyncAsync(t, "proposals", "p-a", Proposal("cust-a", "open"));
        await SyncAsync(t, "proposals", "p-a-done", Proposal("cust-a", "accepted"));
        await SyncAsync(t, "proposals", "p-b", Proposal("cust-b", "open"));
        await SyncAsync(t, "proposals", "p-c", Proposal("cust-c", "open"));

        object Visit(string name, int days, string status) => new { name, targetDate = Day(days), status, jobId = (string?)null };
        await SyncAsync(t, "agreements", "ag-b", new
        {
            customerId = "cust-b", name = "Comfort plan", status = "active", startDate = Day(-100),
            visits = new[] { Visit("Fall tune-up", 30, "unscheduled"), Visit("Spring tune-up", -30, "unscheduled"), Visit("Winter check", 60, "scheduled") },
            equipmentIds = Array.Empty<string>(), invoiceIds = Array.Empty<string>(),
        });
        await SyncAsync(t, "agreements", "ag-a-expired", new
        {
            customerId = "cust-a", name = "Old plan", status = "expired", startDate = Day(-400), visits = new[] { Visit("Tune-up", 10, "unscheduled") },
            equipmentIds = Array.Empty<string>(), invoiceIds = Array.Empty<string>(),
        });
        var portal = await SignInAsync(t, "con-a", email);

        var tasks = await GetAsync(portal, "/v1/portal/tasks");
        Assert.Equal(1, tasks["invoicesToPay"]!["count"]!.GetValue<int>());
        var due = tasks["invoicesToPay"]!["items"]![0]!;
        Assert.Equal("A-OPEN", due["number"]!.GetValue<string>());
        Assert.False(due["payable"]!.GetValue<bool>());
        Assert.Equal("payments_disabled", due["reason"]!.GetValue<string>());

        // Appointments of every accessible customer (service only included), future and open only, soonest first.
        Assert.Equal(["J-b", "J-a"], tasks["upcomingAppointments"]!["items"]!.AsArray().Select(a => a!["jobNumber"]!.GetValue<string>()));
        Assert.Equal(2, tasks["upcomingAppointments"]!["count"]!.GetValue<int>());

        // Proposals of billing customers only.
        Assert.Equal(["P-cust-a"], tasks["proposalsAwaitingSignature"]!["items"]!.AsArray().Select(p => p!["number"]!.GetValue<string>()));
        Assert.Empty(tasks["reviewPrompts"]!["items"]!.AsArray());

        var visits = tasks["agreementVisitsToSchedule"]!["items"]!.AsArray();
        Assert.Equal("Fall tune-up", Assert.Single(visits)!["visitName"]!.GetValue<string>());

        // The tenant can hide unscheduled agreement visits.
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["features"]!["showUnscheduledAgreementVisits"] = false;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        Assert.Equal(0, (await GetAsync(portal, "/v1/portal/tasks"))["agreementVisitsToSchedule"]!["count"]!.GetValue<int>());
    }

    private static JsonObject JsonSerializer(object document) => System.Text.Json.JsonSerializer.SerializeToNode(document, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.AsObject();
}
