using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Payments;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Bookings;

/// <summary>Booking requests over HTTP: from the portal (with an Idempotency-Key), from websites (publishable key, honeypot), and the office's Bookings list.</summary>
[Collection(ApiCollection.Work)]
public sealed class BookingTests(ApiHosts hosts)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static object Window(int fromDays, int toDays) => new { from = Today.AddDays(fromDays).ToString("yyyy-MM-dd"), to = Today.AddDays(toDays).ToString("yyyy-MM-dd") };

    private static async Task SyncAsync(PortalTenant t, string resource, string id, object document)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", document);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Guid> IdAsync(PortalTenant t, string resource, string externalId) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/{resource}/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<Guid>();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private static Task SetOfficeEmailAsync(PortalTenant t, string email) =>
        PaymentData.InTenantAsync(t.Factory, t.Admin.TenantId, async (db, clock, _) =>
        {
            var tenant = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tenants, x => x.Id == new HeadlessPortal.Domain.Tenants.TenantId(t.Admin.TenantId));
            var a = tenant.AccountSettings;
            tenant.UpdateAccountSettings(new HeadlessPortal.Domain.Tenants.TenantAccountSettings(a.DisplayName, a.LogoUrl, a.PrimaryColor, a.Phone, email, a.TimeZone, a.Currency), clock.UtcNow);
            await db.SaveChangesAsync();
        });

    /// <summary>Syncs the job types Repair (opened to requests) and Install (not opened), and lets websites send requests or not.</summary>
    private static async Task OpenRequestsAsync(PortalTenant t, bool websiteRequests = true)
    {
        await SyncAsync(t, "job-types", "jt-repair", new { name = "Repair" });
        await SyncAsync(t, "job-types", "jt-install", new { name = "Install" });
        await AdminSession.ExpectAsync(
            await t.Admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", new
            {
                jobTypes = new[] { new { jobTypeId = "jt-repair", requestable = true, selfSchedulable = false, durationMinutes = 120 } },
                horizonDays = 30, leadTimeHours = 24, changeCutOffHours = 12, websiteRequests,
            }),
            HttpStatusCode.OK);
    }

    private sealed record Seeded(PortalTenant Tenant, HttpClient Portal, HttpClient Other, Guid JobType, Guid LocationA, Guid LocationB, Guid LocationC, string OtherEmail);

    /// <summary>A: billing (the user's), B: service only (the user's), C: another user's; job type Repair; locations at A, B, C.</summary>
    private static async Task<Seeded> SeedAsync(ApiFactory factory)
    {
        var email = PortalTenant.UniqueEmail("avery");
        var otherEmail = PortalTenant.UniqueEmail("carter");
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.CustomerAsync("cust-c", "Carter Family");
        await t.ContactAsync("con-a", "cust-a", email);
        await t.ContactAsync("con-b", "cust-b", email, "serviceOnly");
        await t.ContactAsync("con-c", "cust-c", otherEmail);
        foreach (var (loc, cust) in new[] { ("loc-a", "cust-a"), ("loc-b", "cust-b"), ("loc-c", "cust-c") })
        {
            await SyncAsync(t, "locations", loc, new { customerId = cust, name = "Home " + loc, address = new { line1 = "1 Main St", city = "Springfield", region = "IL", country = "US" } });
        }

        await OpenRequestsAsync(t);
        var portal = t.Portal((await t.InviteAndAcceptAsync("con-a", email))["accessToken"]!.GetValue<string>());
        var other = t.Portal((await t.InviteAndAcceptAsync("con-c", otherEmail))["accessToken"]!.GetValue<string>());
        return new Seeded(
            t, portal, other, await IdAsync(t, "job-types", "jt-repair"), await IdAsync(t, "locations", "loc-a"), await IdAsync(t, "locations", "loc-b"),
            await IdAsync(t, "locations", "loc-c"), otherEmail);
    }

    private static object PortalRequest(Seeded s, Guid location, string description = "No cooling upstairs") =>
        new { jobTypeId = s.JobType, locationId = location, preferredWindows = new[] { Window(2, 3), Window(6, 6) }, description, contactPhone = "+15555550188" };

    private static object WebsiteRequest(Guid jobTypeId, string? website = null, string email = "sam.rivera@example.com") => new
    {
        name = "Sam Rivera", email, phone = "+15555550199",
        address = new { line1 = "48 Elm St", city = "Springfield", region = "IL", postalCode = "62701", country = "US" },
        jobTypeId, preferredWindows = new[] { Window(1, 2) }, description = "Kitchen sink drains slowly", website,
    };

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalRequest_IsNew_ReplaysItsFirstAnswer_AndTellsTheOffice(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var office = PortalTenant.UniqueEmail("office");
        await SetOfficeEmailAsync(s.Tenant, office);

        var response = await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationB), "key-1");
        var created = await AdminSession.ExpectAsync(response, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal($"/v1/portal/bookings/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("new", created["status"]!.GetValue<string>());
        Assert.Equal("Repair", created["jobType"]!["name"]!.GetValue<string>());
        Assert.Equal("Birch Rentals", created["customer"]!["name"]!.GetValue<string>());
        Assert.Equal(s.LocationB, created["location"]!["id"]!.GetValue<Guid>());
        Assert.Equal(Today.AddDays(2).ToString("yyyy-MM-dd"), created["preferredWindows"]![0]!["from"]!.GetValue<string>());
        Assert.Equal(2, created["preferredWindows"]!.AsArray().Count);
        Assert.Equal("+15555550188", created["contactPhone"]!.GetValue<string>());
        Assert.Matches(@"[-+]\d\d:\d\d$", created["createdAt"]!.GetValue<string>());

        // The same key and body: the first answer, and still one request. The same key with another body: refused.
        var replay = await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationB), "key-1"), HttpStatusCode.Created);
        Assert.Equal(id, replay["id"]!.GetValue<Guid>());
        await (await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationB, "Something else"), "key-1")).AssertProblemAsync(422, "idempotency_key_reused");
        var list = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK);
        var only = Assert.Single(list["data"]!.AsArray());
        Assert.Equal("portal", only!["source"]!.GetValue<string>());
        Assert.Equal("cust-b", only["customer"]!["externalId"]!.GetValue<string>());
        Assert.Equal("loc-b", only["location"]!["externalId"]!.GetValue<string>());
        Assert.NotNull(only["portalUserId"]);

        var notice = await s.Tenant.Factory.Mailbox.WaitForAsync(office, e => e.Subject.Contains("Repair request from Birch Rentals", StringComparison.Ordinal));
        Assert.Contains("No cooling upstairs", notice.Text, StringComparison.Ordinal);
        Assert.Contains("+15555550188", notice.Text, StringComparison.Ordinal);
        var outbox = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/outbox?type=booking.requested"), HttpStatusCode.OK);
        Assert.Single(outbox["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalRequest_SentConcurrentlyWithOneKey_IsKeptOnce_AndEveryRetryGetsIt(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), "raced")));

        var ids = new List<Guid>();
        foreach (var response in responses)
        {
            ids.Add((await AdminSession.ExpectAsync(response, HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        Assert.Single(ids.Distinct());
        var office = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK);
        Assert.Equal(ids[0], Assert.Single(office["data"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Single((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/outbox?type=booking.requested"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalRequest_WhenInvalid_IsRefusedWithItsCode(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);

        await (await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), null)).AssertProblemAsync(400, "validation_failed");
        await (await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationC), "k-other-location")).AssertProblemAsync(404, "not_found");
        await (await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, Guid.NewGuid()), "k-unknown-location")).AssertProblemAsync(404, "not_found");
        var notBookable = await (await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = Guid.NewGuid(), locationId = s.LocationA, preferredWindows = new[] { Window(1, 1) } }, "k-job-type")).AssertProblemAsync(422, "job_type_not_bookable");
        Assert.NotNull(notBookable["errors"]!["jobTypeId"]);
        var install = await IdAsync(s.Tenant, "job-types", "jt-install");
        await (await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = install, locationId = s.LocationA, preferredWindows = new[] { Window(1, 1) } }, "k-not-opened")).AssertProblemAsync(422, "job_type_not_bookable");
        var past = await (await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = s.JobType, locationId = s.LocationA, preferredWindows = new[] { Window(-3, -2) } }, "k-past")).AssertProblemAsync(422, "invalid_preferred_windows");
        Assert.NotNull(past["errors"]!["preferredWindows"]);
        await (await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = s.JobType, locationId = s.LocationA, preferredWindows = new[] { Window(1, 1), Window(2, 2), Window(3, 3), Window(4, 4) } }, "k-four"))
            .AssertProblemAsync(400, "validation_failed");
        await (await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = s.JobType, locationId = s.LocationA, preferredWindows = new[] { Window(1, 1) }, contactPhone = "555-0123" }, "k-phone"))
            .AssertProblemAsync(400, "validation_failed");

        // A removed job type is no longer open to requests.
        Assert.Equal(HttpStatusCode.OK, (await s.Tenant.Admin.Client.DeleteAsync("/v1/admin/job-types/jt-repair")).StatusCode);
        await (await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), "k-removed")).AssertProblemAsync(422, "job_type_not_bookable");
        Assert.Empty((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalBookings_ListAndDetail_ShowOnlyTheUsersOwnRequests(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var first = (await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA, "first"), "a-1"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var second = (await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationB, "second"), "a-2"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var third = (await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA, "third"), "a-3"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var others = (await AdminSession.ExpectAsync(await PostAsync(s.Other, "/v1/portal/bookings", PortalRequest(s, s.LocationC, "other"), "a-1"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        Assert.NotEqual(first, others);

        static List<Guid> Ids(JsonNode page) => page["data"]!.AsArray().Select(b => b!["id"]!.GetValue<Guid>()).ToList();
        var all = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings"), HttpStatusCode.OK);
        Assert.Equal([third, second, first], Ids(all));
        var page1 = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings?limit=2"), HttpStatusCode.OK);
        Assert.Equal([third, second], Ids(page1));
        Assert.True(page1["hasMore"]!.GetValue<bool>());
        var page2 = await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/bookings?limit=2&after={page1["nextCursor"]!.GetValue<string>()}"), HttpStatusCode.OK);
        Assert.Equal([first], Ids(page2));
        Assert.Equal([others], Ids(await AdminSession.ExpectAsync(await s.Other.GetAsync("/v1/portal/bookings"), HttpStatusCode.OK)));

        // The office dismisses one: the user sees the status (not the reason), and the status filter.
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{second}/dismiss", new { reason = "Duplicate of another request" }), HttpStatusCode.OK);
        Assert.Equal([second], Ids(await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings?status=dismissed"), HttpStatusCode.OK)));
        Assert.Equal([third, first], Ids(await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings?status=new"), HttpStatusCode.OK)));
        var detail = await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/bookings/{second}"), HttpStatusCode.OK);
        Assert.Equal("dismissed", detail["status"]!.GetValue<string>());
        Assert.Null(detail["dismissReason"]);
        await (await s.Portal.GetAsync("/v1/portal/bookings?status=open")).AssertProblemAsync(400, "validation_failed");

        // Access matrix: another user's request, an unknown id, a malformed id are 404; so is a request of a customer no longer visible.
        await (await s.Portal.GetAsync($"/v1/portal/bookings/{others}")).AssertProblemAsync(404, "not_found");
        await (await s.Other.GetAsync($"/v1/portal/bookings/{first}")).AssertProblemAsync(404, "not_found");
        await (await s.Portal.GetAsync($"/v1/portal/bookings/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
        await (await s.Portal.GetAsync("/v1/portal/bookings/not-an-id")).AssertProblemAsync(404, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await s.Tenant.Admin.Client.PostAsync("/v1/admin/contacts/con-b/revoke-access", null)).StatusCode);
        await (await s.Portal.GetAsync($"/v1/portal/bookings/{second}")).AssertProblemAsync(404, "not_found");
        Assert.Equal([third, first], Ids(await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings"), HttpStatusCode.OK)));

        // Another company's user with its own key sees none of it.
        var elsewhere = await SeedAsync(hosts[engine]);
        await (await elsewhere.Portal.GetAsync($"/v1/portal/bookings/{first}")).AssertProblemAsync(404, "not_found");
        await (await elsewhere.Tenant.Admin.Client.GetAsync($"/v1/admin/bookings/{first}")).AssertProblemAsync(404, "not_found");
        await (await elsewhere.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{first}/schedule", new { jobId = "J-1" })).AssertProblemAsync(404, "not_found");
        await (await elsewhere.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{first}/dismiss", new { reason = "x" })).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task JobBookingOff_AnswersJobBookingOff_OnEveryRequestEndpoint(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var id = (await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), "before"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await PaymentData.SetFeatureAsync(s.Tenant.Admin, "jobBooking", false);

        await (await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), "after")).AssertProblemAsync(404, "job_booking_off");
        await (await s.Portal.GetAsync("/v1/portal/bookings")).AssertProblemAsync(404, "job_booking_off");
        await (await s.Portal.GetAsync($"/v1/portal/bookings/{id}")).AssertProblemAsync(404, "job_booking_off");
        await (await s.Tenant.Portal().PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(s.JobType))).AssertProblemAsync(404, "job_booking_off");
        await (await s.Tenant.Portal().GetAsync("/v1/public/booking-options")).AssertProblemAsync(404, "job_booking_off");

        // The office still sees and handles what came in.
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync($"/v1/admin/bookings/{id}"), HttpStatusCode.OK);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WebsiteRequest_LandsInTheBookingsList_WithoutRevealingCustomers(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var office = PortalTenant.UniqueEmail("office");
        await SetOfficeEmailAsync(s.Tenant, office);
        var visitor = s.Tenant.Portal();
        var options = await AdminSession.ExpectAsync(await visitor.GetAsync("/v1/public/booking-options"), HttpStatusCode.OK);
        var offered = Assert.Single(options["jobTypes"]!.AsArray())!;
        Assert.Equal((s.JobType, "Repair"), (offered["id"]!.GetValue<Guid>(), offered["name"]!.GetValue<string>()));
        Assert.Equal(3, options["maxPreferredWindows"]!.GetValue<int>());

        var response = await visitor.PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(s.JobType));
        var receipt = await AdminSession.ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("received", receipt["status"]!.GetValue<string>());

        // The email of an existing portal contact gets the very same answer.
        var known = await AdminSession.ExpectAsync(await visitor.PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(s.JobType, email: s.OtherEmail)), HttpStatusCode.Accepted);
        Assert.Equal(receipt.ToJsonString(), known.ToJsonString());

        var list = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings?source=website"), HttpStatusCode.OK);
        Assert.Equal(2, list["data"]!.AsArray().Count);
        var booking = list["data"]![1]!;
        Assert.Equal("website", booking["source"]!.GetValue<string>());
        Assert.Equal("new", booking["status"]!.GetValue<string>());
        Assert.Equal("Sam Rivera", booking["requester"]!["name"]!.GetValue<string>());
        Assert.Equal("sam.rivera@example.com", booking["requester"]!["email"]!.GetValue<string>());
        Assert.Equal("+15555550199", booking["requester"]!["phone"]!.GetValue<string>());
        Assert.Equal("48 Elm St", booking["requester"]!["address"]!["line1"]!.GetValue<string>());
        Assert.Null(booking["customer"]);
        Assert.Equal("jt-repair", booking["jobType"]!["externalId"]!.GetValue<string>());
        var notice = await s.Tenant.Factory.Mailbox.WaitForAsync(
            office, e => e.Subject.Contains("Repair request from Sam Rivera", StringComparison.Ordinal) && e.Text.Contains("sam.rivera@example.com", StringComparison.Ordinal));
        Assert.Contains("48 Elm St, Springfield, IL 62701, US", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Kitchen sink drains slowly", notice.Text, StringComparison.Ordinal);

        await (await visitor.PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(Guid.NewGuid()))).AssertProblemAsync(422, "job_type_not_bookable");
        await (await visitor.PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(await IdAsync(s.Tenant, "job-types", "jt-install")))).AssertProblemAsync(422, "job_type_not_bookable");
        await (await visitor.PostAsJsonAsync("/v1/public/booking-requests", new { name = "Sam" })).AssertProblemAsync(400, "validation_failed");

        // With website requests off, websites are refused; the portal still takes requests.
        await OpenRequestsAsync(s.Tenant, websiteRequests: false);
        await (await visitor.PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(s.JobType))).AssertProblemAsync(404, "website_requests_off");
        await (await visitor.GetAsync("/v1/public/booking-options")).AssertProblemAsync(404, "website_requests_off");
        await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), "still-on"), HttpStatusCode.Created);
        Assert.Equal(2, (await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings?source=website"), HttpStatusCode.OK))["data"]!.AsArray().Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WebsiteRequest_WithTheHoneypotFilled_AnswersTheSame_AndKeepsNothing(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);

        var response = await s.Tenant.Portal().PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(s.JobType, website: "https://spam.example"));

        var receipt = await AdminSession.ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("received", receipt["status"]!.GetValue<string>());
        Assert.Empty((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Empty((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/outbox?type=booking.requested"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WebsiteRequest_WithAWrongKeyOrFromAnUnregisteredOrigin_IsRefused(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var key = (await AdminSession.ExpectAsync(
            await s.Tenant.Admin.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Website", allowedOrigins = new[] { "https://www.acme-hvac.example" } }),
            HttpStatusCode.Created))["key"]!.GetValue<string>();

        Task<HttpResponseMessage> SendAsync(string? portalKey, string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/public/booking-requests") { Content = JsonContent.Create(WebsiteRequest(s.JobType)) };
            if (portalKey is not null)
            {
                request.Headers.Add("X-Portal-Key", portalKey);
            }

            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return s.Tenant.Factory.CreateClient().SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("pk_live_unknown0000000000000000", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(null, null)).StatusCode);
        await (await SendAsync(key, "https://evil.example")).AssertProblemAsync(403, "origin_not_allowed");
        Assert.Empty((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK))["data"]!.AsArray());

        await AdminSession.ExpectAsync(await SendAsync(key, "https://www.acme-hvac.example"), HttpStatusCode.Accepted);
        Assert.Single((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WebsiteRequests_AreLimitedPerAddressAndPerKey(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var factory = new ApiFactory(
            database,
            new Dictionary<string, string?> { ["RateLimits:BookingRequestsPerIpPerHour"] = "2", ["RateLimits:BookingRequestsPerKeyPerHour"] = "3" },
            services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerFromHeader>(services));
        var t = await PortalTenant.CreateAsync(factory);
        await OpenRequestsAsync(t);
        var jobType = await IdAsync(t, "job-types", "jt-repair");

        Task<HttpResponseMessage> FromAsync(string peer)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/public/booking-requests") { Content = JsonContent.Create(WebsiteRequest(jobType)) };
            request.Headers.Add("X-Portal-Key", t.Key);
            request.Headers.Add(PeerFromHeader.Header, peer);
            return factory.CreateClient().SendAsync(request);
        }

        await AdminSession.ExpectAsync(await FromAsync("203.0.113.1"), HttpStatusCode.Accepted);
        await AdminSession.ExpectAsync(await FromAsync("203.0.113.1"), HttpStatusCode.Accepted);
        var limited = await FromAsync("203.0.113.1");
        await limited.AssertProblemAsync(429, "too_many_requests");
        Assert.True(limited.Headers.Contains("Retry-After"));

        // Another address still gets through, until the key's own limit.
        await AdminSession.ExpectAsync(await FromAsync("203.0.113.2"), HttpStatusCode.Accepted);
        await (await FromAsync("203.0.113.3")).AssertProblemAsync(429, "too_many_requests");

        // Other public endpoints are not spent by it.
        Assert.Equal(HttpStatusCode.OK, (await t.Portal().GetAsync("/v1/public/portal")).StatusCode);
        Assert.Equal(3, (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK))["data"]!.AsArray().Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Office_ListsFiltersSchedulesAndDismisses_OnlyFromNew(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var portalId = (await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings", PortalRequest(s, s.LocationA), "o-1"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await AdminSession.ExpectAsync(await s.Tenant.Portal().PostAsJsonAsync("/v1/public/booking-requests", WebsiteRequest(s.JobType)), HttpStatusCode.Accepted);
        var page = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/bookings"), HttpStatusCode.OK);
        var websiteId = page["data"]![0]!["id"]!.GetValue<Guid>();
        Assert.Equal([websiteId, portalId], page["data"]!.AsArray().Select(b => b!["id"]!.GetValue<Guid>()));

        // Office staff (the office role) read and handle bookings.
        var officeClient = await OfficeClientAsync(s.Tenant);
        var scheduled = await AdminSession.ExpectAsync(await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{portalId}/schedule", new { jobId = "J-20815", appointmentId = "A-1" }), HttpStatusCode.OK);
        Assert.Equal("scheduled", scheduled["status"]!.GetValue<string>());
        Assert.Equal("J-20815", scheduled["jobId"]!.GetValue<string>());
        Assert.Equal("A-1", scheduled["appointmentId"]!.GetValue<string>());
        Assert.NotNull(scheduled["scheduledAt"]);
        await (await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{portalId}/schedule", new { jobId = "J-2" })).AssertProblemAsync(409, "booking_not_new");
        await (await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{portalId}/dismiss", new { reason = "No" })).AssertProblemAsync(409, "booking_not_new");
        await (await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{websiteId}/dismiss", new { reason = "" })).AssertProblemAsync(400, "validation_failed");
        await (await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{websiteId}/schedule", new { appointmentId = "A-1" })).AssertProblemAsync(400, "validation_failed");
        var dismissed = await AdminSession.ExpectAsync(await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{websiteId}/dismiss", new { reason = "Outside our service area" }), HttpStatusCode.OK);
        Assert.Equal("dismissed", dismissed["status"]!.GetValue<string>());
        Assert.Equal("Outside our service area", dismissed["dismissReason"]!.GetValue<string>());
        await (await officeClient.PostAsJsonAsync($"/v1/admin/bookings/{Guid.NewGuid()}/dismiss", new { reason = "x" })).AssertProblemAsync(404, "not_found");
        await (await officeClient.GetAsync($"/v1/admin/bookings/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");

        // The portal user sees it scheduled.
        Assert.Equal("scheduled", (await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/bookings/{portalId}"), HttpStatusCode.OK))["status"]!.GetValue<string>());

        // Each handling is announced once (booking.scheduled, booking.dismissed), with what the office decided.
        async Task<JsonNode> EventAsync(string type) =>
            Assert.Single((await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync($"/v1/admin/outbox?type={type}"), HttpStatusCode.OK))["data"]!.AsArray())!["payload"]!;
        var scheduledEvent = await EventAsync("booking.scheduled");
        Assert.Equal((portalId, "scheduled", "J-20815", "A-1"), (scheduledEvent["bookingId"]!.GetValue<Guid>(), scheduledEvent["status"]!.GetValue<string>(),
            scheduledEvent["jobId"]!.GetValue<string>(), scheduledEvent["appointmentId"]!.GetValue<string>()));
        var dismissedEvent = await EventAsync("booking.dismissed");
        Assert.Equal((websiteId, "dismissed", "Outside our service area"), (dismissedEvent["bookingId"]!.GetValue<Guid>(), dismissedEvent["status"]!.GetValue<string>(),
            dismissedEvent["dismissReason"]!.GetValue<string>()));

        static async Task<List<Guid>> IdsAsync(HttpClient client, string query) =>
            (await AdminSession.ExpectAsync(await client.GetAsync("/v1/admin/bookings" + query), HttpStatusCode.OK))["data"]!.AsArray().Select(b => b!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal([portalId], await IdsAsync(officeClient, "?status=scheduled"));
        Assert.Equal([websiteId], await IdsAsync(officeClient, "?status=dismissed&source=website"));
        Assert.Empty(await IdsAsync(officeClient, "?status=new"));
        Assert.Equal([portalId], await IdsAsync(officeClient, "?source=portal"));
        var from = Uri.EscapeDataString(before.ToString("O"));
        Assert.Equal([websiteId, portalId], await IdsAsync(officeClient, $"?createdFrom={from}"));
        Assert.Empty(await IdsAsync(officeClient, $"?createdTo={from}"));
        Assert.Equal([websiteId], await IdsAsync(officeClient, "?limit=1"));
        await (await officeClient.GetAsync("/v1/admin/bookings?source=phone")).AssertProblemAsync(400, "validation_failed");

        // Both changes are audited.
        var audit = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/audit-events?action=booking.scheduled"), HttpStatusCode.OK);
        Assert.Equal($"booking:{portalId}", Assert.Single(audit["data"]!.AsArray())!["target"]!.GetValue<string>());
        audit = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync("/v1/admin/audit-events?action=booking.dismissed"), HttpStatusCode.OK);
        Assert.Contains("Outside our service area", Assert.Single(audit["data"]!.AsArray())!.ToJsonString(), StringComparison.Ordinal);

        // A token without the bookings scopes is refused.
        var settingsOnly = await ScopedClientAsync(s.Tenant, "settings:read");
        await (await settingsOnly.GetAsync("/v1/admin/bookings")).AssertProblemAsync(403, "insufficient_scope");
    }

    private static async Task<HttpClient> OfficeClientAsync(PortalTenant t, string? scope = null)
    {
        var credentials = await AdminSession.ExpectAsync(
            await t.Factory.CreatePlatformClient().PostJsonAsync($"/v1/platform/tenants/{t.Admin.TenantId}/api-clients", new { name = "Office staff", role = "office" }),
            HttpStatusCode.Created);
        var client = t.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", await AdminSession.TokenAsync(t.Factory, credentials["clientId"]!.GetValue<string>(), credentials["clientSecret"]!.GetValue<string>(), scope));
        return client;
    }

    private static Task<HttpClient> ScopedClientAsync(PortalTenant t, string scope) => OfficeClientAsync(t, scope);

    /// <summary>The test server has no remote address; this one takes it from a header, before the API's middleware.</summary>
    private sealed class PeerFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header].FirstOrDefault() is { } peer)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
