using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Portal;

/// <summary>Jobs by tab, one job, locations and shared documents over HTTP: the tab rules, what each user may see, and 404s for everything else.</summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalJobTests(ApiHosts hosts)
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8];

    private static readonly string[] TabNames = ["inProgress", "onHold", "upcoming", "completed", "canceled"];

    /// <summary>A tenant with two customers (c-1 is the user's, c-2 is not), a location each, a technician and a job type.</summary>
    private static async Task<(PortalTenant T, HttpClient Portal)> SetUpAsync(ApiFactory factory, string accessLevel = "billing")
    {
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.CustomerAsync("c-2", "Someone Else");
        await PutAsync(t, "locations", "loc-1", new { customerId = "c-1", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", region = "IL", country = "US" } });
        await PutAsync(t, "locations", "loc-2", new { customerId = "c-2", address = new { line1 = "9 Elm St", city = "Springfield", country = "US" } });
        await PutAsync(t, "technicians", "tech-1", new { displayName = "Mike R.", photoUrl = "https://cdn.example.com/mike.jpg" });
        await PutAsync(t, "job-types", "jt-1", new { name = "AC repair" });
        var email = PortalTenant.UniqueEmail("jane");
        await t.ContactAsync("con-1", "c-1", email, accessLevel);
        var tokens = await t.InviteAndAcceptAsync("con-1", email);
        return (t, t.Portal(tokens["accessToken"]!.GetValue<string>()));
    }

    private static async Task PutAsync(PortalTenant t, string resource, string id, object body)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", body);
        Assert.True(response.IsSuccessStatusCode, $"{resource}/{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Task JobAsync(PortalTenant t, string id, string customer = "c-1", string location = "loc-1") =>
        PutAsync(t, "jobs", id, new { number = "J-" + id, customerId = customer, locationId = location, jobTypeId = "jt-1", summary = "AC not cooling", internalNotes = "Dog bites; use side gate" });

    private static Task AppointmentAsync(PortalTenant t, string id, string job, string status, DateTimeOffset start, bool window = true) =>
        PutAsync(t, "appointments", id, new
        {
            jobId = job, start, end = start.AddHours(2), status, technicianIds = new[] { "tech-1" },
            arrivalWindowStart = window ? start : (DateTimeOffset?)null, arrivalWindowEnd = window ? WindowEnd(start) : (DateTimeOffset?)null,
        });

    // An arrival window lies within one day: an hour long, or up to midnight when it starts in the day's last hour.
    private static DateTimeOffset WindowEnd(DateTimeOffset start) =>
        start.AddHours(1).Date == start.Date ? start.AddHours(1) : new DateTimeOffset(start.Date.AddDays(1).AddTicks(-10), start.Offset);

    private static async Task SetAsync(PortalTenant t, Action<JsonObject> change)
    {
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        change(settings);
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    private static async Task<List<JsonNode>> TabAsync(HttpClient portal, string tab, int limit = 25)
    {
        var all = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = await AdminSession.ExpectAsync(
                await portal.GetAsync($"/v1/portal/jobs?tab={tab}&limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after))), HttpStatusCode.OK);
            all.AddRange(page["data"]!.AsArray().Select(n => n!));
            after = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        return all;
    }

    private static string Number(JsonNode job) => job["number"]!.GetValue<string>();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task JobTabs_ManyJobsWithVariedAppointments_EachLandsInExactlyTheTabTheDomainRuleGives(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        await SetAsync(t, s => s["features"]!["showCanceledJobs"] = true);
        AppointmentStatus[] statuses = [.. Enum.GetValues<AppointmentStatus>()];
        TimeSpan[] offsets = [TimeSpan.FromDays(-3), TimeSpan.FromHours(-2), TimeSpan.FromMinutes(-20), TimeSpan.FromMinutes(20), TimeSpan.FromHours(3), TimeSpan.FromDays(4)];
        var random = new Random(20261122);
        var now = DateTimeOffset.UtcNow;
        var expected = new Dictionary<string, List<AppointmentState>>();
        for (var j = 0; j < 60; j++)
        {
            var job = $"job-{j}";
            await JobAsync(t, job);
            var states = new List<AppointmentState>();

            // The first jobs cover the edge cases by hand; the rest are random sets of 0 to 4 appointments.
            (AppointmentStatus, TimeSpan)[] set = j switch
            {
                0 => [],
                1 => [(AppointmentStatus.Completed, offsets[0]), (AppointmentStatus.Canceled, offsets[5])],
                2 => [(AppointmentStatus.Canceled, offsets[0]), (AppointmentStatus.Canceled, offsets[4])],
                3 => [(AppointmentStatus.OnHold, offsets[1]), (AppointmentStatus.Scheduled, offsets[5])],
                4 => [(AppointmentStatus.Scheduled, offsets[2])],
                5 => [(AppointmentStatus.Scheduled, offsets[3]), (AppointmentStatus.Canceled, offsets[1])],
                6 => [(AppointmentStatus.Working, offsets[2])],
                7 => [(AppointmentStatus.OnHold, offsets[0]), (AppointmentStatus.Canceled, offsets[3])],
                _ => [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => (statuses[random.Next(statuses.Length)], offsets[random.Next(offsets.Length)]))],
            };
            for (var a = 0; a < set.Length; a++)
            {
                var (status, offset) = set[a];
                await AppointmentAsync(t, $"appt-{j}-{a}", job, status.ToString().ToLowerInvariant() switch { "enroute" => "enRoute", "onhold" => "onHold", var s => s }, now + offset);
                states.Add(new AppointmentState(status, now + offset));
            }

            expected[job] = states;
        }

        // A removed appointment no longer counts: job-6 (working) keeps only a completed visit.
        await AppointmentAsync(t, "appt-6-extra", "job-6", "completed", now.AddDays(-2));
        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync("/v1/admin/appointments/appt-6-0"), HttpStatusCode.OK);
        expected["job-6"] = [new AppointmentState(AppointmentStatus.Completed, now.AddDays(-2))];

        // Another customer's jobs never appear.
        await JobAsync(t, "other", "c-2", "loc-2");

        var seen = new Dictionary<string, string>();
        foreach (var tab in TabNames)
        {
            foreach (var job in await TabAsync(portal, tab, limit: 7))
            {
                Assert.True(seen.TryAdd(Number(job), tab), $"{Number(job)} is in {seen.GetValueOrDefault(Number(job))} and {tab}");
                Assert.Equal(tab, job["tab"]!.GetValue<string>());
            }
        }

        Assert.DoesNotContain("J-other", seen.Keys);
        foreach (var (job, states) in expected)
        {
            var tab = JobTabs.Classify(states, now) switch
            {
                JobTab.InProgress => "inProgress",
                JobTab.OnHold => "onHold",
                JobTab.Upcoming => "upcoming",
                JobTab.Completed => "completed",
                _ => "canceled",
            };
            Assert.True(seen.TryGetValue("J-" + job, out var actual), $"J-{job} is in no tab; expected {tab}");
            Assert.True(tab == actual, $"J-{job} is in {actual}; the Domain rule says {tab}");
        }

        Assert.Equal("completed", seen["J-job-1"]);
        Assert.Equal("canceled", seen["J-job-2"]);
        Assert.Equal("inProgress", seen["J-job-3"]);
        Assert.Equal("inProgress", seen["J-job-4"]);
        Assert.Equal("upcoming", seen["J-job-0"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task JobTabs_CanceledTab_FollowsTheShowCanceledJobsSetting_AndTheTabIsRequired(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        await JobAsync(t, "job-c");
        await AppointmentAsync(t, "appt-c", "job-c", "canceled", DateTimeOffset.UtcNow.AddDays(1));
        var id = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-c"), HttpStatusCode.OK))["id"]!.GetValue<string>();

        Assert.Empty(await TabAsync(portal, "canceled"));
        await (await portal.GetAsync($"/v1/portal/jobs/{id}")).AssertProblemAsync(404, "not_found");

        await SetAsync(t, s => s["features"]!["showCanceledJobs"] = true);
        Assert.Equal(["J-job-c"], (await TabAsync(portal, "canceled")).Select(Number));
        var job = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{id}"), HttpStatusCode.OK);
        Assert.Equal("canceled", job["tab"]!.GetValue<string>());

        await (await portal.GetAsync("/v1/portal/jobs")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/jobs?tab=archived")).AssertProblemAsync(400, "validation_failed");
        await (await portal.GetAsync("/v1/portal/jobs?tab=upcoming&limit=0")).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task UpcomingTab_ListsUnscheduledVisitsOfActiveAgreementsFromTodayOn_OnTheFirstPageOnly_WhenShown(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await JobAsync(t, "job-1");
        await JobAsync(t, "job-2");
        await PutAsync(t, "agreements", "agr-1", new
        {
            customerId = "c-1", name = "Comfort Club", status = "active", startDate = today.AddDays(-200), endDate = today.AddDays(165),
            visits = new object[]
            {
                new { name = "Spring tune-up", targetDate = today.AddDays(-10), status = "unscheduled" },
                new { name = "Fall tune-up", targetDate = today.AddDays(40), status = "unscheduled" },
                new { name = "Summer check", targetDate = today.AddDays(20), status = "scheduled", jobId = "job-1" },
            },
        });
        await PutAsync(t, "agreements", "agr-2", new
        {
            customerId = "c-1", name = "Old plan", status = "expired", startDate = today.AddDays(-400), endDate = today.AddDays(-35),
            visits = new object[] { new { name = "Never booked", targetDate = today.AddDays(30), status = "unscheduled" } },
        });
        await PutAsync(t, "agreements", "agr-3", new
        {
            customerId = "c-2", name = "Not yours", status = "active", startDate = today.AddDays(-10), endDate = today.AddDays(300),
            visits = new object[] { new { name = "Someone else's visit", targetDate = today.AddDays(30), status = "unscheduled" } },
        });

        var first = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/jobs?tab=upcoming&limit=1"), HttpStatusCode.OK);
        var visits = first["unscheduledVisits"]!.AsArray();
        var visit = Assert.Single(visits)!;
        Assert.Equal("Fall tune-up", visit["name"]!.GetValue<string>());
        Assert.Equal("Comfort Club", visit["agreementName"]!.GetValue<string>());
        Assert.Equal(today.AddDays(40).ToString("yyyy-MM-dd"), visit["targetDate"]!.GetValue<string>());
        Assert.Equal("Jane Homeowner", visit["customer"]!["name"]!.GetValue<string>());
        Assert.True(visit.AsObject().ContainsKey("callToSchedulePhone"));

        var second = await AdminSession.ExpectAsync(
            await portal.GetAsync("/v1/portal/jobs?tab=upcoming&limit=1&after=" + Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())), HttpStatusCode.OK);
        Assert.Empty(second["unscheduledVisits"]!.AsArray());
        Assert.Single(second["data"]!.AsArray());
        Assert.Empty((await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/jobs?tab=completed"), HttpStatusCode.OK))["unscheduledVisits"]!.AsArray());

        await SetAsync(t, s => s["features"]!["showUnscheduledAgreementVisits"] = false);
        Assert.Empty((await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/jobs?tab=upcoming"), HttpStatusCode.OK))["unscheduledVisits"]!.AsArray());
    }

    /// <summary>A completed job with an invoice and three documents (shared PDF, shared photo-less form, office-only PDF); answers the job's id.</summary>
    private static async Task<string> CompletedJobWithInvoiceAndDocumentsAsync(PortalTenant t, long balance = 12_000, long total = 28_900)
    {
        await JobAsync(t, "job-done");
        await AppointmentAsync(t, "appt-done", "job-done", "completed", DateTimeOffset.UtcNow.AddDays(-3).Date.AddHours(14));
        await PutAsync(t, "invoices", "inv-1", new
        {
            number = "INV-1001", billToCustomerId = "c-1", jobId = "job-done", locationId = "loc-1", issueDate = "2026-11-01", dueDate = "2026-11-30",
            lines = new[] { new { description = "Repair", quantity = 1, unitPrice = new { amount = total, currency = "usd" }, amount = new { amount = total, currency = "usd" } } },
            subtotal = new { amount = total, currency = "usd" }, tax = new { amount = 0, currency = "usd" }, total = new { amount = total, currency = "usd" },
            balance = new { amount = balance, currency = "usd" }, summary = "Replaced the run capacitor and tested the system.",
        });
        foreach (var (id, shared) in new[] { ("doc-shared", true), ("doc-office", false) })
        {
            var content = new ByteArrayContent(Pdf);
            content.Headers.ContentType = new("application/pdf");
            var response = await t.Admin.Client.PutAsync($"/v1/admin/documents/{id}?jobId=job-done&kind=document&shared={shared}&fileName={id}.pdf&title=Report", content);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        return (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-done"), HttpStatusCode.OK))["id"]!.GetValue<string>();
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetJob_WithBillingAccess_ShowsAppointmentsTechniciansInvoiceAndSharedDocumentsOnly_NeverInternalNotes(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        var id = await CompletedJobWithInvoiceAndDocumentsAsync(t);

        var response = await portal.GetAsync($"/v1/portal/jobs/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Dog bites", text, StringComparison.Ordinal);
        Assert.DoesNotContain("internalNotes", text, StringComparison.Ordinal);
        var job = JsonNode.Parse(text)!;
        Assert.Equal("J-job-done", job["number"]!.GetValue<string>());
        Assert.Equal("completed", job["tab"]!.GetValue<string>());
        Assert.Equal("AC repair", job["jobType"]!.GetValue<string>());
        Assert.Equal("Home", job["location"]!["name"]!.GetValue<string>());
        Assert.Equal("Jane Homeowner", job["customer"]!["name"]!.GetValue<string>());
        var appointment = Assert.Single(job["appointments"]!.AsArray())!;
        Assert.Equal("completed", appointment["status"]!.GetValue<string>());
        Assert.NotNull(appointment["time"]!["arrivalWindowStart"]);
        Assert.Equal("Mike R.", appointment["technicians"]![0]!["displayName"]!.GetValue<string>());
        Assert.Equal("https://cdn.example.com/mike.jpg", appointment["technicians"]![0]!["photoUrl"]!.GetValue<string>());
        Assert.Equal("Replaced the run capacitor and tested the system.", job["invoiceSummary"]!.GetValue<string>());
        Assert.Equal("INV-1001", job["invoice"]!["number"]!.GetValue<string>());
        Assert.Equal(28_900, job["invoice"]!["total"]!["amount"]!.GetValue<long>());
        Assert.Equal(12_000, job["invoice"]!["balance"]!["amount"]!.GetValue<long>());
        var document = Assert.Single(job["documents"]!.AsArray())!;
        Assert.Equal("doc-shared.pdf", document["fileName"]!.GetValue<string>());
        Assert.Equal("application/pdf", document["contentType"]!.GetValue<string>());
        Assert.Equal(Pdf.Length, document["size"]!.GetValue<long>());

        var download = await portal.GetAsync(document["contentUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", download.Content.Headers.ContentDisposition?.DispositionType ?? download.Headers.GetValues("Content-Disposition").Single().Split(';')[0]);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        // The office-only document is 404 by its id, like one that does not exist.
        var office = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/documents/doc-office"), HttpStatusCode.OK))["id"]!.GetValue<string>();
        await (await portal.GetAsync($"/v1/portal/documents/{office}/content")).AssertProblemAsync(404, "not_found");
        await (await portal.GetAsync($"/v1/portal/documents/{Guid.NewGuid()}/content")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TasksAndJob_AppointmentsOnEachSideOfADaylightSavingChange_ShowTheSameTimesInTheCompanysZone(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        await JobAsync(t, "job-dst");

        // The tenant's zone, America/New_York, moves from -05:00 to -04:00 on 14 March 2027; both visits are at 10:00 there.
        await AppointmentAsync(t, "appt-before", "job-dst", "scheduled", new DateTimeOffset(2027, 3, 13, 15, 0, 0, TimeSpan.Zero));
        await AppointmentAsync(t, "appt-after", "job-dst", "scheduled", new DateTimeOffset(2027, 3, 15, 14, 0, 0, TimeSpan.Zero));

        var tasks = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/tasks"), HttpStatusCode.OK))["upcomingAppointments"]!["items"]!.AsArray();
        var job = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{tasks[0]!["jobId"]!.GetValue<string>()}"), HttpStatusCode.OK);
        var shown = job["appointments"]!.AsArray().ToDictionary(a => a!["id"]!.GetValue<string>(), a => a!["time"]!);

        Assert.Equal(
            [("2027-03-13", "2027-03-13T10:00:00-05:00", "2027-03-13T11:00:00-05:00", "2027-03-13T10:00:00-05:00", "2027-03-13T12:00:00-05:00"),
             ("2027-03-15", "2027-03-15T10:00:00-04:00", "2027-03-15T11:00:00-04:00", "2027-03-15T10:00:00-04:00", "2027-03-15T12:00:00-04:00")],
            tasks.Select(a => (
                a!["date"]!.GetValue<string>(), a["arrivalWindowStart"]!.GetValue<string>(), a["arrivalWindowEnd"]!.GetValue<string>(),
                a["start"]!.GetValue<string>(), a["end"]!.GetValue<string>())));
        Assert.All(tasks, a =>
        {
            var time = shown[a!["id"]!.GetValue<string>()];
            Assert.Equal(a["date"]!.GetValue<string>(), time["date"]!.GetValue<string>());
            Assert.Equal(a["arrivalWindowStart"]!.GetValue<string>(), time["arrivalWindowStart"]!.GetValue<string>());
            Assert.Equal(a["arrivalWindowEnd"]!.GetValue<string>(), time["arrivalWindowEnd"]!.GetValue<string>());
        });
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetJob_ServiceOnlyUser_SeesTheJobAndItsInvoiceSummaryText_NotTheInvoice(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine], accessLevel: "serviceOnly");
        var id = await CompletedJobWithInvoiceAndDocumentsAsync(t);

        var job = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{id}"), HttpStatusCode.OK);
        Assert.Equal("Replaced the run capacitor and tested the system.", job["invoiceSummary"]!.GetValue<string>());
        Assert.Null(job["invoice"]);
        Assert.Single(job["documents"]!.AsArray());
        Assert.Equal(["J-job-done"], (await TabAsync(portal, "completed")).Select(Number));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetJob_AZeroInvoice_ShowsItsSummaryButNotTheInvoice(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        var id = await CompletedJobWithInvoiceAndDocumentsAsync(t, balance: 0, total: 0);

        var job = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{id}"), HttpStatusCode.OK);
        Assert.NotNull(job["invoiceSummary"]);
        Assert.Null(job["invoice"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetJob_DateOnlyDisplay_ShowsTheDateAndNeverTheTimes(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        await JobAsync(t, "job-up");
        await AppointmentAsync(t, "appt-up", "job-up", "scheduled", new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(15), TimeSpan.Zero));
        await SetAsync(t, s => s["appointmentTimeDisplay"] = "dateOnly");
        var id = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-up"), HttpStatusCode.OK))["id"]!.GetValue<string>();

        var text = await (await portal.GetAsync($"/v1/portal/jobs/{id}")).Content.ReadAsStringAsync();
        var listText = await (await portal.GetAsync("/v1/portal/jobs?tab=upcoming")).Content.ReadAsStringAsync();
        foreach (var body in new[] { text, listText })
        {
            Assert.DoesNotContain("T15:", body, StringComparison.Ordinal);
            Assert.DoesNotContain("T11:", body, StringComparison.Ordinal);
            Assert.DoesNotContain("T10:", body, StringComparison.Ordinal);
        }

        var time = JsonNode.Parse(text)!["appointments"]![0]!["time"]!;
        Assert.Equal(DateTime.UtcNow.Date.AddDays(3).ToString("yyyy-MM-dd"), time["date"]!.GetValue<string>());
        Assert.Null(time["arrivalWindowStart"]);
        Assert.Null(time["arrivalWindowEnd"]);
        var listed = Assert.Single(JsonNode.Parse(listText)!["data"]!.AsArray())!;
        Assert.Null(listed["nextAppointment"]!["arrivalWindowStart"]);

        await SetAsync(t, s => s["appointmentTimeDisplay"] = "arrivalWindow");
        var window = (await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{id}"), HttpStatusCode.OK))["appointments"]![0]!["time"]!;
        Assert.Equal(DateTime.UtcNow.Date.AddDays(3).AddHours(15), window["arrivalWindowStart"]!.GetValue<DateTimeOffset>().UtcDateTime);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AnotherCustomersOrTenantsJobOrDocument_Is404(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        await JobAsync(t, "job-other", "c-2", "loc-2");
        await AppointmentAsync(t, "appt-other", "job-other", "completed", DateTimeOffset.UtcNow.AddDays(-1));
        var content = new ByteArrayContent(Pdf);
        content.Headers.ContentType = new("application/pdf");
        await AdminSession.ExpectAsync(await t.Admin.Client.PutAsync("/v1/admin/documents/doc-other?jobId=job-other&kind=document&shared=true&fileName=x.pdf", content), HttpStatusCode.Created);
        var jobId = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-other"), HttpStatusCode.OK))["id"]!.GetValue<string>();
        var docId = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/documents/doc-other"), HttpStatusCode.OK))["id"]!.GetValue<string>();

        await (await portal.GetAsync($"/v1/portal/jobs/{jobId}")).AssertProblemAsync(404, "not_found");
        await (await portal.GetAsync($"/v1/portal/documents/{docId}/content")).AssertProblemAsync(404, "not_found");
        Assert.Empty(await TabAsync(portal, "completed"));

        // The same records asked for from another tenant's portal user.
        var (_, stranger) = await SetUpAsync(hosts[engine]);
        await (await stranger.GetAsync($"/v1/portal/jobs/{jobId}")).AssertProblemAsync(404, "not_found");
        await (await stranger.GetAsync($"/v1/portal/documents/{docId}/content")).AssertProblemAsync(404, "not_found");

        // ... and the user's own job from another tenant.
        var mineId = await CompletedJobWithInvoiceAndDocumentsAsync(t);
        await (await stranger.GetAsync($"/v1/portal/jobs/{mineId}")).AssertProblemAsync(404, "not_found");
        await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/jobs/{mineId}"), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Locations_ListsTheLocationsOfAccessibleCustomersOnly_Paginated(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        await PutAsync(t, "locations", "loc-1b", new { customerId = "c-1", name = "Lake cottage", address = new { line1 = "77 Shoreline Dr", city = "Chatham", country = "US" } });

        var first = await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/locations?limit=1"), HttpStatusCode.OK);
        Assert.True(first["hasMore"]!.GetValue<bool>());
        var second = await AdminSession.ExpectAsync(
            await portal.GetAsync("/v1/portal/locations?limit=1&after=" + Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())), HttpStatusCode.OK);
        Assert.False(second["hasMore"]!.GetValue<bool>());
        var all = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(n => n!).ToList();
        Assert.Equal(["Home", "Lake cottage"], all.Select(l => l["name"]!.GetValue<string>()));
        Assert.Equal("1 Main St", all[0]["address"]!["line1"]!.GetValue<string>());
        Assert.Single(all.Select(l => l["customerId"]!.GetValue<string>()).Distinct());
        await (await portal.GetAsync("/v1/portal/locations?limit=101")).AssertProblemAsync(400, "validation_failed");
    }
}
