using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Demo;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.Infrastructure.Payments.Stripe;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Tests.Hosting;

/// <summary>The demo company a newcomer gets in Development, read back through the Admin API.</summary>
public sealed partial class DemoDataTests(DemoDataTests.DemoHosts hosts) : IClassFixture<DemoDataTests.DemoHosts>
{
    private const string SharedEmail = "dana@whitfield-properties.example";

    /// <summary>The demo company's time zone (its account settings).</summary>
    private const string DemoZone = "America/Chicago";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_InDevelopment_HasAboutFiftyCustomersAndSeveralWithTwoLocations(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);

        var customers = await ListAllAsync(client, "customers");
        var locations = await ListAllAsync(client, "locations");

        Assert.InRange(customers.Count, 45, 60);
        Assert.Contains(customers, c => c["kind"]!.GetValue<string>() == "commercial");
        Assert.All(customers, c => Assert.Matches(@"^\+1555555\d{4}$", c["phones"]![0]!["number"]!.GetValue<string>()));
        Assert.True(locations.GroupBy(l => l["customerId"]!.GetValue<string>()).Count(g => g.Count() == 2) >= 3);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_SharedEmail_IsAContactOnThreeCustomersWithBillingOnTwo(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);

        var shared = (await ListAllAsync(client, "contacts")).Where(c => c["email"]!.GetValue<string>() == SharedEmail).ToList();

        Assert.Equal(3, shared.Select(c => c["customerId"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(2, shared.Count(c => c["accessLevel"]!.GetValue<string>() == "billing"));
        Assert.Single(shared, c => c["accessLevel"]!.GetValue<string>() == "serviceOnly");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_SignsInAndSeesThreeCustomers_TwoWithBilling(TestDb engine)
    {
        var factory = await hosts.FactoryAsync(engine);
        var portal = factory.CreateClient();
        portal.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");

        var tokens = await AdminSession.ExpectAsync(
            await portal.PostAsJsonAsync("/v1/portal/auth/sign-in", new { email = "pat@example.com", password = "demo-portal-password" }), HttpStatusCode.OK);
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        var me = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/me"), HttpStatusCode.OK);

        var customers = me["customers"]!.AsArray();
        Assert.Equal(3, customers.Count);
        Assert.Equal(2, customers.Count(c => c!["accessLevel"]!.GetValue<string>() == "billing"));
        Assert.Contains(customers, c => c!["name"]!.GetValue<string>() == "Riverside Veterinary Clinic" && c["accessLevel"]!.GetValue<string>() == "serviceOnly");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_BookingsList_HoldsANewWebsiteRequestAndPatsPortalRequest(TestDb engine)
    {
        var admin = await hosts.AdminClientAsync(engine);
        var list = (await AdminSession.ExpectAsync(await admin.GetAsync("/v1/admin/bookings?status=new"), HttpStatusCode.OK))["data"]!.AsArray();

        var website = Assert.Single(list, b => b!["source"]!.GetValue<string>() == "website")!;
        Assert.Equal("Jamie Rivera", website["requester"]!["name"]!.GetValue<string>());
        Assert.Equal("Diagnostic visit", website["jobType"]!["name"]!.GetValue<string>());
        var fromPat = Assert.Single(list, b => b!["source"]!.GetValue<string>() == "portal")!;
        Assert.Equal("AC repair", fromPat["jobType"]!["name"]!.GetValue<string>());
        Assert.Matches(@"-0[56]:00$", fromPat["createdAt"]!.GetValue<string>());

        var (_, portal) = await PatAsync(engine);
        var mine = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/bookings"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.Equal(fromPat["id"]!.GetValue<Guid>(), Assert.Single(mine)!["id"]!.GetValue<Guid>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_RegistersPublicFrontEndApps_ForSwaggerUiTheWidgetsDemoPageAndTheSampleFrontEnd(TestDb engine)
    {
        var admin = await hosts.AdminClientAsync(engine);
        var apps = (await AdminSession.ExpectAsync(await admin.GetAsync("/v1/admin/oauth-apps"), HttpStatusCode.OK))["data"]!.AsArray();
        JsonNode App(string clientId) => Assert.Single(apps, a => a!["clientId"]!.GetValue<string>() == clientId)!;

        foreach (var (clientId, redirect, origin) in new[]
        {
            ("app_demo_swagger_ui", "http://localhost:5080/swagger/oauth2-redirect.html", "http://localhost:5080"),
            ("app_demo_widgets", "http://localhost:5080/widgets/demo.html", "http://localhost:5080"),
            ("app_demo_spa", "http://localhost:3000/", "http://localhost:3000"),
        })
        {
            var app = App(clientId);
            Assert.Equal("public", app["clientType"]!.GetValue<string>());
            Assert.Contains(redirect, app["redirectUris"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Contains(origin, app["allowedOrigins"]!.AsArray().Select(r => r!.GetValue<string>()));
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_CanSelfScheduleTheTuneUpsIntoTwoWeeksOfWeekdayWindows_AndRequestRepairs(TestDb engine)
    {
        var (_, portal) = await PatAsync(engine);

        var options = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/booking-options"), HttpStatusCode.OK);

        var types = options["jobTypes"]!.AsArray().ToDictionary(j => j!["name"]!.GetValue<string>(), j => j!);
        Assert.True(types["AC tune-up"]["selfSchedulable"]!.GetValue<bool>());
        Assert.True(types["Furnace tune-up"]["selfSchedulable"]!.GetValue<bool>());
        Assert.False(types["Repair"]["selfSchedulable"]!.GetValue<bool>());
        Assert.Equal(90, types["AC tune-up"]["durationMinutes"]!.GetValue<int>());
        var location = options["locations"]![0]!["id"]!.GetValue<Guid>();
        var availability = await AdminSession.ExpectAsync(
            await portal.GetAsync($"/v1/portal/availability?jobTypeId={types["Furnace tune-up"]["id"]}&locationId={location}"), HttpStatusCode.OK);
        var windows = availability["windows"]!.AsArray();
        Assert.NotEmpty(windows);
        Assert.All(windows, w =>
        {
            var start = DateTimeOffset.Parse(w!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            Assert.DoesNotContain(start.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            Assert.Contains(start.Hour, new[] { 8, 12 });
            Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(DemoZone).GetUtcOffset(start), start.Offset);
        });
        var admin = await hosts.AdminClientAsync(engine);
        var stored = await ListAllAsync(admin, "capacity-windows");
        // Fourteen days from today hold ten weekdays, with a morning and an afternoon window each.
        Assert.Equal(20, stored.Count);
        Assert.All(stored, w => Assert.Equal((3, "bu-residential"), (w["totalSlots"]!.GetValue<int>(), w["businessUnitId"]!.GetValue<string>())));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_SeesTheEquipmentAgreementsAndMembershipsOfTheThreeCustomers(TestDb engine)
    {
        var (factory, portal) = await PatAsync(engine);
        async Task<JsonArray> Data(string path) => (await AdminSession.ExpectAsync(await portal.GetAsync(path), HttpStatusCode.OK))["data"]!.AsArray();

        // The Thompsons' AC and furnace, the Kowalskis' humidifier, the clinic's rooftop unit.
        var equipment = await Data("/v1/portal/equipment?limit=100");
        Assert.Equal(["5622F08811", "APR600-55310", "TRN23098812", "TRN23110457"], equipment.Select(e => e!["serial"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Data("/v1/portal/equipment?serial=trn")).Count);

        // The clinic is service only: its rooftop unit shows its jobs, and no proposals.
        var rtu = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/equipment/{equipment.Single(e => e!["serial"]!.GetValue<string>() == "5622F08811")!["id"]}"), HttpStatusCode.OK);
        Assert.Equal(2, rtu["serviceHistory"]!.AsArray().Count);
        Assert.Empty(rtu["proposals"]!.AsArray());

        // The clinic's active agreement, with its four visits and the rooftop unit, and no invoices (service only).
        var agreement = Assert.Single(await Data("/v1/portal/agreements"));
        Assert.Equal("Quarterly rooftop maintenance", agreement!["name"]!.GetValue<string>());
        var detail = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/agreements/{agreement["id"]}"), HttpStatusCode.OK);
        Assert.Equal(4, detail["visits"]!.AsArray().Count);
        Assert.Equal("5622F08811", Assert.Single(detail["equipment"]!.AsArray())!["serial"]!.GetValue<string>());
        Assert.Empty(detail["invoices"]!.AsArray());

        // The Thompsons' Comfort Club membership.
        var membership = Assert.Single(await Data("/v1/portal/memberships"));
        Assert.Equal("Comfort Club", membership!["type"]!.GetValue<string>());
        Assert.Equal("active", membership["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_SeesInvoicesOfTheTwoBillingCustomersOnly(TestDb engine)
    {
        var (factory, portal) = await PatAsync(engine);

        var billTo = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/bill-to-customers"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.Equal(2, billTo.Count);
        Assert.DoesNotContain(billTo, c => c!["name"]!.GetValue<string>() == "Riverside Veterinary Clinic");
        var billToIds = billTo.Select(c => c!["id"]!.GetValue<Guid>()).ToHashSet();

        var invoices = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/invoices?limit=100"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.NotEmpty(invoices);
        Assert.All(invoices, i => Assert.Contains(i!["billTo"]!["id"]!.GetValue<Guid>(), billToIds));
        Assert.All(invoices, i => Assert.NotEqual(0, i!["total"]!["amount"]!.GetValue<long>()));
        var statuses = invoices.Select(i => i!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(statuses.OrderBy(s => s == "open" ? 0 : 1), statuses);

        var tasks = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/tasks"), HttpStatusCode.OK);
        Assert.Equal(statuses.Count(s => s == "open"), tasks["invoicesToPay"]!["count"]!.GetValue<int>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PaymentLinkForTheKowalskisPartlyPaidInvoice_OpensWithoutAnAccount(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);
        var factory = await hosts.FactoryAsync(engine);

        // The office sends Pat a link for the humidifier invoice (partly paid by card); a paid invoice has nothing to pay.
        var created = await AdminSession.ExpectAsync(await client.PostAsJsonAsync("/v1/admin/invoices/inv-INV-24013/payment-links", new { expiresInDays = 7 }), HttpStatusCode.Created);
        Assert.StartsWith("https://demo-hvac.portal.example.com/pay?token=pay_", created["url"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await client.PostAsJsonAsync("/v1/admin/invoices/inv-INV-24005/payment-links", new { })).AssertProblemAsync(422, "nothing_due");

        var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");
        var view = await AdminSession.ExpectAsync(await visitor.GetAsync($"/v1/public/payment-links/{created["token"]}"), HttpStatusCode.OK);
        var invoice = view["invoice"]!;
        Assert.Equal("INV-24013", invoice["number"]!.GetValue<string>());
        Assert.Equal("open", invoice["status"]!.GetValue<string>());
        Assert.Equal(25_000, invoice["amountPaid"]!["amount"]!.GetValue<long>());
        Assert.Equal("Terminal 1219", Assert.Single(invoice["payments"]!.AsArray())!["reference"]!.GetValue<string>());
        Assert.Equal("J-24013", invoice["job"]!["number"]!.GetValue<string>());
        Assert.Equal("Demo Heating & Air Customer Portal", view["company"]!["displayName"]!.GetValue<string>());
        Assert.DoesNotContain("memo", view.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // The demo has no payment account connected: customers see the invoice but cannot pay yet.
        // The demo company takes payments (against the fake Stripe the demo starts).
        Assert.True(invoice["payment"]!["payable"]!.GetValue<bool>());
        Assert.Null(invoice["payment"]!["reason"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalResponses_NeverCarryInternalNotesMemosOrUnsharedDocuments(TestDb engine)
    {
        var admin = await hosts.AdminClientAsync(engine);
        var internals = new List<string>();
        internals.AddRange((await ListAllAsync(admin, "jobs")).Select(j => j["internalNotes"]?.GetValue<string>()).OfType<string>());
        internals.AddRange((await ListAllAsync(admin, "contacts")).Select(c => c["memo"]?.GetValue<string>()).OfType<string>());
        foreach (var document in (await ListAllAsync(admin, "documents")).Where(d => !d["shared"]!.GetValue<bool>()))
        {
            internals.Add(document["id"]!.GetValue<string>());
            internals.Add(document["title"]!.GetValue<string>());
        }

        Assert.Contains("Heat exchanger rust (office only)", internals);
        Assert.True(internals.Count > 10, "the demo has internal notes and memos to look for");

        var seen = await ReadEverythingPatCanReadAsync(engine);
        var all = string.Join('\n', seen);
        Assert.All(internals.Distinct(), secret => Assert.DoesNotContain(secret, all, StringComparison.Ordinal));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalResponses_ShowEveryTimeInTheCompanysTimeZoneWithItsOffsetAtThatInstant(TestDb engine)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DemoZone);

        var times = (await ReadEverythingPatCanReadAsync(engine))
            .SelectMany(text => DateTimeValue().Matches(text).Select(m => m.Groups["time"].Value))
            .ToList();

        Assert.True(times.Count > 10, "pat's records carry times to look at");
        var wrong = times.Distinct()
            .Where(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) is var time && time.Offset != zone.GetUtcOffset(time))
            .ToList();
        Assert.True(wrong.Count == 0, $"times not in {DemoZone}: {string.Join(", ", wrong.Take(10))}");
    }

    [GeneratedRegex("\"(?<time>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}))\"")]
    private static partial Regex DateTimeValue();

    /// <summary>Everything pat can read: every list, every page, and every record's detail, as the JSON texts answered.</summary>
    private async Task<List<string>> ReadEverythingPatCanReadAsync(TestDb engine)
    {
        var (_, portal) = await PatAsync(engine);
        var seen = new List<string>();
        async Task<JsonNode> Read(string url)
        {
            var response = await portal.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
            seen.Add(text);
            return JsonNode.Parse(text)!;
        }

        await Read("/v1/portal/me");
        await Read("/v1/portal/tasks");
        await Read("/v1/portal/bill-to-customers");
        var lists = new (string List, string? Detail)[]
        {
            ("/v1/portal/invoices?status=all", "/v1/portal/invoices/"),
            ("/v1/portal/jobs?tab=inProgress", "/v1/portal/jobs/"),
            ("/v1/portal/jobs?tab=onHold", "/v1/portal/jobs/"),
            ("/v1/portal/jobs?tab=upcoming", "/v1/portal/jobs/"),
            ("/v1/portal/jobs?tab=completed", "/v1/portal/jobs/"),
            ("/v1/portal/jobs?tab=canceled", "/v1/portal/jobs/"),
            ("/v1/portal/locations", null),
            ("/v1/portal/equipment", "/v1/portal/equipment/"),
            ("/v1/portal/agreements", "/v1/portal/agreements/"),
            ("/v1/portal/memberships", "/v1/portal/memberships/"),
            ("/v1/portal/payments", "/v1/portal/payments/"),
        };
        var details = 0;
        foreach (var (list, detail) in lists)
        {
            string? after = null;
            do
            {
                var separator = list.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                var page = await Read($"{list}{separator}limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
                foreach (var item in page["data"]!.AsArray())
                {
                    if (detail is not null && item?["id"] is { } id)
                    {
                        await Read(detail + id.GetValue<string>());
                        details++;
                    }
                }

                after = page["hasMore"]?.GetValue<bool>() == true ? page["nextCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);
        }

        Assert.True(details > 5, "pat's customers have records to open");
        return seen;
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_SendsLeahOrtizAnInvitation_ThatSheCanAccept(TestDb engine)
    {
        var factory = await hosts.FactoryAsync(engine);
        var email = await factory.Mailbox.WaitForAsync("leah.ortiz@example.net", e => e.Text.Contains("/accept-invitation?token=", StringComparison.Ordinal));
        Assert.Contains("Demo Heating & Air", email.From, StringComparison.Ordinal);
        Assert.Contains("https://demo-hvac.", email.Text, StringComparison.Ordinal);

        var status = await AdminSession.ExpectAsync(await (await hosts.AdminClientAsync(engine)).GetAsync("/v1/admin/customers/cust-1044/portal-access"), HttpStatusCode.OK);
        Assert.Contains(status["contacts"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "con-1044" && c["status"]!.GetValue<string>() == "invited");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_Invoices_AreUnpaidPartlyPaidPaidAndZeroInBothBusinessUnits(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);

        var invoices = await ListAllAsync(client, "invoices");

        var zero = Assert.Single(invoices, i => Amount(i, "total") == 0);
        Assert.Equal(0, Amount(zero, "balance"));
        Assert.False(zero["everHadBalance"]!.GetValue<bool>());
        Assert.NotNull(zero["jobId"]?.GetValue<string>());
        foreach (var unit in new[] { "bu-residential", "bu-commercial" })
        {
            var inUnit = invoices.Where(i => i["businessUnitId"]?.GetValue<string>() == unit).ToList();
            Assert.Contains(inUnit, i => Amount(i, "total") > 0 && Amount(i, "balance") == Amount(i, "total"));
            Assert.Contains(inUnit, i => Amount(i, "total") > 0 && Amount(i, "balance") == 0);
            Assert.Contains(inUnit, i => Amount(i, "balance") > 0 && Amount(i, "balance") < Amount(i, "total") && i["payments"]!.AsArray().Count > 0);
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_Appointments_PutJobsInEveryTab(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);
        var now = DateTimeOffset.UtcNow;

        var appointments = await ListAllAsync(client, "appointments");
        var byJob = appointments.GroupBy(a => a["jobId"]!.GetValue<string>()).Select(g => g.Select(a => (Status: a["status"]!.GetValue<string>(), Start: a["start"]!.GetValue<DateTimeOffset>())).ToList()).ToList();

        Assert.Contains(appointments, a => a["status"]!.GetValue<string>() is "dispatched" or "enRoute" or "working");
        Assert.Contains(byJob, job => job.All(a => a.Status == "canceled"));
        Assert.Contains(byJob, job => job.All(a => a.Status == "completed"));
        Assert.Contains(byJob, job => job.Any(a => a.Status == "onHold") && job.Where(a => a.Status != "canceled").All(a => a.Status == "onHold"));
        Assert.Contains(byJob, job => job.All(a => a.Status == "scheduled" && a.Start > now));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_Plans_IncludeAnActiveAgreementWithAFutureUnscheduledVisitAndActiveAndExpiredMemberships(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var agreements = await ListAllAsync(client, "agreements");
        var memberships = await ListAllAsync(client, "memberships");

        Assert.Contains(agreements, a => a["status"]!.GetValue<string>() == "active"
            && a["visits"]!.AsArray().Any(v => v!["status"]!.GetValue<string>() == "unscheduled" && DateOnly.Parse(v["targetDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > today)
            && a["visits"]!.AsArray().Any(v => v!["status"]!.GetValue<string>() == "completed" && v["jobId"] is not null));
        Assert.Contains(memberships, m => m["status"]!.GetValue<string>() == "active");
        Assert.Contains(memberships, m => m["status"]!.GetValue<string>() == "expired");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_ProposalsAndEquipment_CoverOpenAcceptedDeclinedAndWarranties(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);

        var proposals = await ListAllAsync(client, "proposals");
        var equipment = await ListAllAsync(client, "equipment");

        Assert.Contains(proposals, p => p["status"]!.GetValue<string>() == "open" && p["financingOfferUrl"] is not null && p["options"]!.AsArray().Count == 3);
        Assert.Contains(proposals, p => p["status"]!.GetValue<string>() == "accepted");
        Assert.Contains(proposals, p => p["status"]!.GetValue<string>() == "declined");
        Assert.All(proposals, p => Assert.InRange(p["options"]!.AsArray().Count, 2, 3));
        Assert.Contains(equipment, e => e["manufacturerWarranty"] is not null && e["serviceWarranty"] is not null && e["jobIds"]!.AsArray().Count > 0);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_Documents_AreSharedAndOfficeOnlyAndDownloadable(TestDb engine)
    {
        var client = await hosts.AdminClientAsync(engine);

        var documents = (await client.GetFromJsonAsync<JsonObject>("/v1/admin/documents?jobId=job-J-24002"))!["data"]!.AsArray();

        Assert.Equal(2, documents.Count);
        Assert.Contains(documents, d => d!["shared"]!.GetValue<bool>() && d["contentType"]!.GetValue<string>() == "application/pdf");
        Assert.Contains(documents, d => !d!["shared"]!.GetValue<bool>());
        var pdf = await client.GetByteArrayAsync("/v1/admin/documents/doc-24002-report/content");
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_SeesJobsOfAllThreeCustomersInTheirTabs_AndTheClinicsInvoicesStayHidden(TestDb engine)
    {
        var (factory, portal) = await PatAsync(engine);

        async Task<JsonNode> Tab(string tab) => await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs?tab={tab}&limit=100"), HttpStatusCode.OK);
        static string[] Numbers(JsonNode page) => [.. page["data"]!.AsArray().Select(j => j!["number"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

        var completed = await Tab("completed");
        Assert.Equal(["J-24005", "J-24006", "J-24013", "J-24015"], Numbers(completed));
        Assert.Equal(3, completed["data"]!.AsArray().Select(j => j!["customer"]!["name"]!.GetValue<string>()).Distinct().Count());
        var upcoming = await Tab("upcoming");
        Assert.Equal(["J-24025"], Numbers(upcoming));
        var visits = upcoming["unscheduledVisits"]!.AsArray();
        Assert.Equal(2, visits.Count);
        Assert.All(visits, v => Assert.Equal("Riverside Veterinary Clinic", v!["customer"]!["name"]!.GetValue<string>()));
        Assert.All(visits, v => Assert.StartsWith("+1", v!["callToSchedulePhone"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Empty(Numbers(await Tab("inProgress")));
        Assert.Empty(Numbers(await Tab("onHold")));
        Assert.Empty(Numbers(await Tab("canceled")));

        // The clinic is service-only for Pat: its job shows, its invoice does not; the Kowalskis' partly paid humidifier shows its invoice.
        string Id(string number) => completed["data"]!.AsArray().Single(j => j!["number"]!.GetValue<string>() == number)!["id"]!.GetValue<string>();
        var humidifier = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{Id("J-24013")}"), HttpStatusCode.OK);
        Assert.Equal("INV-24013", humidifier["invoice"]!["number"]!.GetValue<string>());
        Assert.True(humidifier["invoice"]!["balance"]!["amount"]!.GetValue<long>() > 0);
        var install = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{Id("J-24005")}"), HttpStatusCode.OK);
        Assert.Equal(2, install["appointments"]!.AsArray().Count);
        var warranty = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{Id("J-24006")}"), HttpStatusCode.OK);
        Assert.NotNull(warranty["invoiceSummary"]);
        Assert.Null(warranty["invoice"]);
        var clinic = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{Id("J-24015")}"), HttpStatusCode.OK);
        Assert.Equal("Riverside Veterinary Clinic", clinic["customer"]!["name"]!.GetValue<string>());
        Assert.Null(clinic["invoice"]);

        var locations = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/locations?limit=100"), HttpStatusCode.OK);
        Assert.Equal(4, locations["data"]!.AsArray().Count);
    }

    /// <summary>The demo host and a portal client signed in as pat@example.com.</summary>
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_HasAnOpenEstimateForTheThompsonsHome_WithThreeOptionsOneRecommended(TestDb engine)
    {
        var (_, portal) = await PatAsync(engine);

        var open = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/proposals?status=open"), HttpStatusCode.OK))["data"]!.AsArray();
        var listed = Assert.Single(open, p => p!["number"]!.GetValue<string>() == "P-3105")!;
        var detail = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/proposals/{listed["id"]!.GetValue<Guid>()}"), HttpStatusCode.OK);

        Assert.Contains("Thompson", detail["customer"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["good", "better", "best"], detail["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal("better", detail["recommendedOptionId"]!.GetValue<string>());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(DemoZone)).DateTime);
        Assert.InRange(DateOnly.Parse(detail["expiresOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), today.AddDays(29), today.AddDays(30));
        Assert.False(string.IsNullOrEmpty(detail["terms"]!.GetValue<string>()));
        Assert.StartsWith("https://", detail["financingOfferUrl"]!.GetValue<string>());
        Assert.Equal("Furnace", detail["equipment"]!["name"]!.GetValue<string>());
        Assert.NotNull(detail["location"]);
        Assert.True(detail["canDecide"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_EmailsPatAnEstimateLinkForTheThompsonsEstimate_ThatOpensWithoutAnAccount(TestDb engine)
    {
        var factory = await hosts.FactoryAsync(engine);
        var email = await factory.Mailbox.WaitForAsync("pat@example.com", e => e.Subject.Contains("Estimate P-3105", StringComparison.Ordinal));
        Assert.Contains("https://demo-hvac.", email.Text, StringComparison.Ordinal);
        var token = PortalTenant.TokenIn(email.Text);
        Assert.StartsWith("est_", token, StringComparison.Ordinal);

        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");
        var view = await AdminSession.ExpectAsync(await anonymous.GetAsync($"/v1/public/estimate-links/{token}"), HttpStatusCode.OK);
        var proposal = Assert.Single(view["proposals"]!.AsArray())!;
        Assert.Equal("P-3105", proposal["number"]!.GetValue<string>());
        Assert.Equal(["good", "better", "best"], proposal["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        var pdf = await anonymous.GetAsync(proposal["documentUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }

    private async Task<(ApiFactory Factory, HttpClient Portal)> PatAsync(TestDb engine)
    {
        var factory = await hosts.FactoryAsync(engine);
        var portal = factory.CreateClient();
        portal.DefaultRequestHeaders.Add("X-Portal-Key", "pk_demo_local");
        var tokens = await AdminSession.ExpectAsync(
            await portal.PostAsJsonAsync("/v1/portal/auth/sign-in", new { email = "pat@example.com", password = "demo-portal-password" }), HttpStatusCode.OK);
        portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        return (factory, portal);
    }

    private static long Amount(JsonNode invoice, string field) => invoice[field]!["amount"]!.GetValue<long>();

    private static async Task<List<JsonNode>> ListAllAsync(HttpClient client, string resource)
    {
        var all = new List<JsonNode>();
        string? after = null;
        do
        {
            var url = $"/v1/admin/{resource}?limit=20" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var page = await AdminSession.ExpectAsync(await client.GetAsync(url), HttpStatusCode.OK);
            all.AddRange(page["data"]!.AsArray().Select(n => n!));
            after = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        return all;
    }

    /// <summary>One Development API per engine, seeded once, shared by this class's tests (they only read).</summary>
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoHost_InDevelopment_PaysAgainstTheFakeStripeItStarted(TestDb engine)
    {
        var factory = await hosts.FactoryAsync(engine);
        var stripe = factory.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        using var scope = factory.Services.CreateScope();
        var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGateway>();

        var customer = await gateway.CreateCustomerAsync("acct_1DemoHvac", new CreateGatewayCustomer("Pat Thompson", "pat@example.com", new Dictionary<string, string>()), "demo-" + Guid.NewGuid(), default);
        var pi = await gateway.CreatePaymentIntentAsync("acct_1DemoHvac", new CreateGatewayPaymentIntent(
            18_950, "usd", FakeStripeTestPaymentMethods.Visa, "card", customer.Id, "Invoice 1042", new Dictionary<string, string>(), null, null), "demo-" + Guid.NewGuid(), default);

        Assert.StartsWith("http://127.0.0.1:", stripe.BaseUrl);
        Assert.StartsWith("sk_test_fake_", stripe.SecretKey);
        Assert.StartsWith("whsec_", stripe.WebhookSecret);
        Assert.Equal("succeeded", pi.Status);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task DemoData_PortalUserPat_SavesACardForTheThompsons_ButNoneForTheServiceOnlyClinic(TestDb engine)
    {
        var (factory, portal) = await PatAsync(engine);
        var customers = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/me"), HttpStatusCode.OK))["customers"]!.AsArray();
        string Id(string name) => customers.Single(c => c!["name"]!.GetValue<string>().Contains(name, StringComparison.Ordinal))!["id"]!.GetValue<string>();

        await (await portal.GetAsync($"/v1/portal/payment-methods?customerId={Id("Riverside")}")).AssertProblemAsync(404, "not_found");
        await (await portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = Id("Riverside"), type = "card" })).AssertProblemAsync(404, "not_found");

        // Unlike the reading tests here, this one saves something: a card for the Thompsons, on the fake Stripe the demo host started.
        var setup = await AdminSession.ExpectAsync(
            await portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = Id("Thompson"), type = "card" }), HttpStatusCode.OK);
        Assert.Equal(DemoCredentials.PaymentAccountId, setup["stripe"]!["accountId"]!.GetValue<string>());
        var publishableKey = setup["stripe"]!["publishableKey"]!.GetValue<string>();
        Assert.StartsWith("pk_test_", publishableKey, StringComparison.Ordinal);
        var options = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/payment-options"), HttpStatusCode.OK);
        Assert.Equal(publishableKey, options["stripe"]!["publishableKey"]!.GetValue<string>());

        // The front end confirms as Stripe.js does: from the browser, with the publishable key and the client secret, never the secret key.
        var stripe = factory.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        using (var http = new HttpClient())
        {
            var confirmed = await http.PostAsync(
                $"{stripe.BaseUrl}/v1/setup_intents/{setup["setupIntentId"]}/confirm",
                new FormUrlEncodedContent(
                [
                    new("payment_method", FakeStripeTestPaymentMethods.Visa), new("client_secret", setup["clientSecret"]!.GetValue<string>()),
                    new("key", publishableKey), new("_stripe_account", setup["stripe"]!["accountId"]!.GetValue<string>()),
                ]));
            Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        }

        var saved = await AdminSession.ExpectAsync(
            await portal.PostAsJsonAsync("/v1/portal/payment-methods", new { customerId = Id("Thompson"), setupIntentId = setup["setupIntentId"]!.GetValue<string>() }),
            HttpStatusCode.Created);
        Assert.Equal("Visa •••• 4242", saved["summary"]!.GetValue<string>());
        var listed = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/payment-methods"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.All(listed, m => Assert.NotEqual(Id("Riverside"), m!["customerId"]!.GetValue<string>()));
        Assert.Contains(listed, m => m!["id"]!.GetValue<string>() == saved["id"]!.GetValue<string>() && m["isPrimary"]!.GetValue<bool>());
    }

    public sealed class DemoHosts : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<TestDb, (ApiFactory Factory, HttpClient Client)> _hosts = [];

        public async Task<HttpClient> AdminClientAsync(TestDb engine)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_hosts.TryGetValue(engine, out var host))
                {
                    var factory = new ApiFactory(await TestDatabase.CreateAsync(engine), new Dictionary<string, string?> { ["Platform:ApiKey"] = null, ["Demo:Seed"] = null },
                        environment: "Development");
                    var client = factory.CreateClient();
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminSession.TokenAsync(factory, "demo-admin", "demo-admin-secret"));
                    _hosts[engine] = host = (factory, client);
                }

                return host.Client;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<ApiFactory> FactoryAsync(TestDb engine)
        {
            await AdminClientAsync(engine);
            return _hosts[engine].Factory;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var (factory, client) in _hosts.Values)
            {
                client.Dispose();
                await factory.DisposeAsync();
                await factory.Database.DisposeAsync();
            }

            _gate.Dispose();
        }
    }
}
