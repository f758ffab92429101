using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Scheduling;

/// <summary>Hosts whose clock stands at <see cref="Now"/>, a few days before Chicago springs forward in 2026.</summary>
public sealed class SchedulingClockHosts : ClockedHosts
{
    public static readonly DateTimeOffset Now = new(2026, 3, 5, 17, 30, 0, TimeSpan.Zero);

    public SchedulingClockHosts()
        : base(Now)
    {
    }
}

/// <summary>Booking options and availability over HTTP, with "now" at 2026-03-05T17:30Z (11:30 in Chicago; the clock runs on from there).</summary>
public sealed class PortalAvailabilityTests(SchedulingClockHosts hosts) : IClassFixture<SchedulingClockHosts>
{
    private const string Chicago = "America/Chicago";

    internal sealed record Setup(PortalTenant Tenant, HttpClient Portal, Guid AcId, Guid RepairId, Guid Location, Guid OtherLocation);

    /// <summary>A portal tenant in <paramref name="zone"/> with job types, settings, and a user with <paramref name="accessLevel"/> to c-1 (loc-1), not c-2 (loc-2).</summary>
    internal static async Task<Setup> SetUpAsync(ApiFactory factory, string zone, string accessLevel = "serviceOnly", bool selfScheduling = true, int horizonDays = 30)
    {
        var admin = await SchedulingTenant.StartAsync(factory, zone);
        var key = (await AdminSession.ExpectAsync(
            await admin.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "Front end", allowedOrigins = Array.Empty<string>() }), HttpStatusCode.Created))["key"]!.GetValue<string>();
        await AdminSession.ExpectAsync(await admin.Client.PostAsync("/v1/admin/portal-settings/legal-agreement/acceptance", null), HttpStatusCode.OK);
        await SetFeaturesAsync(admin, jobBooking: true, selfScheduling: selfScheduling, enable: true);
        var t = new PortalTenant(factory, admin, key);
        await t.CustomerAsync("c-1", "Pat Homeowner");
        await t.CustomerAsync("c-2", "Someone Else");
        await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/locations/loc-1",
            new { customerId = "c-1", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", region = "IL", country = "US" } }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/locations/loc-2",
            new { customerId = "c-2", address = new { line1 = "9 Elm St", city = "Springfield", country = "US" } }), HttpStatusCode.Created);
        var settings = await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", BookingSettingsTests.Settings(horizonDays, leadTimeHours: 24)), HttpStatusCode.OK);
        var email = PortalTenant.UniqueEmail("pat");
        await t.ContactAsync("con-1", "c-1", email, accessLevel);
        var tokens = await t.InviteAndAcceptAsync("con-1", email);
        var locations = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/locations"), HttpStatusCode.OK);
        Guid LocationId(string id) => locations["data"]!.AsArray().Single(l => l!["externalId"]!.GetValue<string>() == id)!["id"]!.GetValue<Guid>();
        return new Setup(t, t.Portal(tokens["accessToken"]!.GetValue<string>()), settings["jobTypes"]![0]!["id"]!.GetValue<Guid>(),
            settings["jobTypes"]![1]!["id"]!.GetValue<Guid>(), LocationId("loc-1"), LocationId("loc-2"));
    }

    internal static async Task SetFeaturesAsync(AdminSession admin, bool jobBooking, bool selfScheduling, bool enable = false)
    {
        var (settings, etag) = await admin.GetSettingsAsync();
        settings["features"]!["jobBooking"] = jobBooking;
        settings["features"]!["selfScheduling"] = selfScheduling;
        if (enable)
        {
            settings["enabled"] = true;
        }

        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    private static async Task<JsonNode> AvailabilityAsync(Setup s, string from, string to, HttpStatusCode status = HttpStatusCode.OK) =>
        await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}&from={from}&to={to}"), status);

    private static IEnumerable<string> Starts(JsonNode availability) => availability["windows"]!.AsArray().Select(w => w!["start"]!.GetValue<string>());

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BookingOptions_ListsRequestableJobTypes_WithSelfSchedulingEffective_AndTheUsersLocations(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], Chicago);

        var options = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/booking-options"), HttpStatusCode.OK);

        var types = options["jobTypes"]!.AsArray();
        Assert.Equal(["AC tune-up", "Repair"], types.Select(j => j!["name"]!.GetValue<string>()));
        Assert.True(types[0]!["selfSchedulable"]!.GetValue<bool>());
        Assert.False(types[1]!["selfSchedulable"]!.GetValue<bool>());
        Assert.Equal(90, types[0]!["durationMinutes"]!.GetValue<int>());
        Assert.Equal([s.Location], options["locations"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()));
        Assert.Equal((30, 24, 12), (options["horizonDays"]!.GetValue<int>(), options["leadTimeHours"]!.GetValue<int>(), options["changeCutOffHours"]!.GetValue<int>()));
        var earliest = DateTimeOffset.Parse(options["earliestStart"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(-6), earliest.Offset);
        Assert.InRange(earliest, SchedulingClockHosts.Now.AddHours(24), SchedulingClockHosts.Now.AddHours(24).AddMinutes(20));
        Assert.Equal(Chicago, options["timeZone"]!.GetValue<string>());

        await SetFeaturesAsync(s.Tenant.Admin, jobBooking: true, selfScheduling: false);
        var requestOnly = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/booking-options"), HttpStatusCode.OK);
        Assert.All(requestOnly["jobTypes"]!.AsArray(), j => Assert.False(j!["selfSchedulable"]!.GetValue<bool>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BookingReads_WhileJobBookingIsOff_Answer404JobBookingOff(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], Chicago);
        await SetFeaturesAsync(s.Tenant.Admin, jobBooking: false, selfScheduling: true);

        await (await s.Portal.GetAsync("/v1/portal/booking-options")).AssertProblemAsync(404, "job_booking_off");
        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}")).AssertProblemAsync(404, "job_booking_off");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_AcrossSpringForward_ShowsEachDaysOffset_AndOnlyFreeWindowsAfterTheLeadTime(TestDb engine)
    {
        var factory = hosts[engine];
        var s = await SetUpAsync(factory, Chicago);
        var admin = s.Tenant.Admin;
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-today", "2026-03-06T08:00", "2026-03-06T12:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-lead", "2026-03-06T12:00", "2026-03-06T16:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-sat", "2026-03-07T08:00", "2026-03-07T12:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-sun", "2026-03-08T08:00", "2026-03-08T12:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-full", "2026-03-09T08:00", "2026-03-09T12:00", totalSlots: 1), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-repair", "2026-03-09T12:00", "2026-03-09T16:00", jobTypeIds: ["jt-repair"]), HttpStatusCode.Created);
        var full = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows/w-full"), HttpStatusCode.OK);
        Assert.True(await SchedulingTenant.SlotAsync(factory, admin.TenantId, full["id"]!.GetValue<Guid>()));

        var availability = await AvailabilityAsync(s, "2026-03-05", "2026-03-10");

        // 08:00 on the 6th is sooner than the 24-hour lead time (now is about 11:30 on the 5th); the full and the repair-only windows are left out.
        Assert.Equal(["2026-03-06T12:00:00-06:00", "2026-03-07T08:00:00-06:00", "2026-03-08T08:00:00-05:00"], Starts(availability));
        Assert.Equal("2026-03-08T12:00:00-05:00", availability["windows"]![2]!["end"]!.GetValue<string>());
        Assert.Equal("2026-03-08", availability["windows"]![2]!["date"]!.GetValue<string>());
        Assert.Equal(["2026-03-07T08:00:00-06:00"], Starts(await AvailabilityAsync(s, "2026-03-07", "2026-03-07")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_WhenTheLastSlotIsTaken_NoLongerOffersTheWindow_EvenRightAfterAnAnswerWasCached(TestDb engine)
    {
        var factory = hosts[engine];
        var s = await SetUpAsync(factory, Chicago);
        var window = await AdminSession.ExpectAsync(await s.Tenant.Admin.PutWindowAsync("w-1", "2026-03-10T08:00", "2026-03-10T12:00", totalSlots: 1), HttpStatusCode.Created);
        Assert.Single(Starts(await AvailabilityAsync(s, "2026-03-10", "2026-03-10")));

        Assert.True(await SchedulingTenant.SlotAsync(factory, s.Tenant.Admin.TenantId, window["id"]!.GetValue<Guid>()));

        Assert.Empty(Starts(await AvailabilityAsync(s, "2026-03-10", "2026-03-10")));
        Assert.True(await SchedulingTenant.SlotAsync(factory, s.Tenant.Admin.TenantId, window["id"]!.GetValue<Guid>(), release: true));
        Assert.Single(Starts(await AvailabilityAsync(s, "2026-03-10", "2026-03-10")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_OfMoreThanAThousandWindows_EndsWithWholeDays_AndSaysWhereToContinue(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], Chicago);

        // Three days of 800 windows, every other one for another job type (so the range is read in more than one chunk):
        // 400 a day for AC tune-up, 1,200 in all.
        var windows = new List<object>();
        foreach (var day in new[] { "2026-03-10", "2026-03-11", "2026-03-12" })
        {
            for (var n = 0; n < 800; n++)
            {
                var hour = 8 + n % 8;
                windows.Add(new
                {
                    externalId = $"w-{day}-{n}", businessUnitId = "bu-hvac", jobTypeIds = new[] { n % 2 == 0 ? "jt-ac" : "jt-furnace" },
                    start = $"{day}T{hour:00}:00", end = $"{day}T{hour + 1:00}:00", totalSlots = 1,
                });
            }
        }

        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows", new { windows }), HttpStatusCode.OK);

        var first = await AvailabilityAsync(s, "2026-03-09", "2026-03-13");
        var days = first["windows"]!.AsArray().GroupBy(w => w!["date"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["2026-03-10"] = 400, ["2026-03-11"] = 400 }, days);
        Assert.Equal("2026-03-12", first["nextFrom"]!.GetValue<string>());
        Assert.Equal(Starts(first).Order(StringComparer.Ordinal), Starts(first));

        var rest = await AvailabilityAsync(s, "2026-03-12", "2026-03-13");
        Assert.Equal(400, rest["windows"]!.AsArray().Count);
        Assert.All(rest["windows"]!.AsArray(), w => Assert.Equal("2026-03-12", w!["date"]!.GetValue<string>()));
        Assert.Null(rest["nextFrom"]);

        // A single day of more than 1,000: its first 1,000 and the next day, or nothing when the range ends with it.
        var crowded = Enumerable.Range(0, 1100).Select(n => new
        {
            externalId = $"w-crowded-{n}", businessUnitId = "bu-hvac", jobTypeIds = new[] { "jt-ac" }, start = "2026-03-16T08:00", end = "2026-03-16T12:00", totalSlots = 1,
        });
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows", new { windows = crowded }), HttpStatusCode.OK);
        var full = await AvailabilityAsync(s, "2026-03-16", "2026-03-17");
        Assert.Equal((1000, "2026-03-17"), (full["windows"]!.AsArray().Count, full["nextFrom"]!.GetValue<string>()));
        Assert.Null((await AvailabilityAsync(s, "2026-03-16", "2026-03-16"))["nextFrom"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_AcrossFallBack_ShowsEachDaysOffset_AndNothingBeyondTheHorizon(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], Chicago, horizonDays: 365);
        var admin = s.Tenant.Admin;
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-oct", "2026-10-31T08:00", "2026-10-31T12:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-nov", "2026-11-01T08:00", "2026-11-01T12:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-next-year", "2027-03-08T08:00", "2027-03-08T12:00"), HttpStatusCode.Created);

        Assert.Equal(["2026-10-31T08:00:00-05:00", "2026-11-01T08:00:00-06:00"], Starts(await AvailabilityAsync(s, "2026-10-30", "2026-11-02")));
        Assert.Empty(Starts(await AvailabilityAsync(s, "2027-03-01", "2027-03-10")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_InAZoneWithoutDaylightSaving_KeepsOneOffset(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], "America/Phoenix");
        var admin = s.Tenant.Admin;
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-sat", "2026-03-07T08:00", "2026-03-07T12:00"), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-sun", "2026-03-08T02:30", "2026-03-08T06:00"), HttpStatusCode.Created);

        Assert.Equal(["2026-03-07T08:00:00-07:00", "2026-03-08T02:30:00-07:00"], Starts(await AvailabilityAsync(s, "2026-03-07", "2026-03-08")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_ForARequestOnlyJobType_OrWithSelfSchedulingOff_Is422(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], Chicago);

        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.RepairId}&locationId={s.Location}")).AssertProblemAsync(422, "job_type_not_self_schedulable");
        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={Guid.NewGuid()}&locationId={s.Location}")).AssertProblemAsync(422, "job_type_not_self_schedulable");
        await SetFeaturesAsync(s.Tenant.Admin, jobBooking: true, selfScheduling: false);
        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}")).AssertProblemAsync(422, "job_type_not_self_schedulable");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Availability_ForALocationOfAnotherCustomer_Is404_AndServiceOnlyAccessIsEnough(TestDb engine)
    {
        var s = await SetUpAsync(hosts[engine], Chicago, accessLevel: "serviceOnly");

        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.OtherLocation}")).AssertProblemAsync(404, "not_found");
        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}")).StatusCode);
    }

    [Fact]
    public async Task Availability_WhenTheRangeIsTooLongOrBackwardsOrIdsMissing_Is400()
    {
        var s = await SetUpAsync(hosts[TestDb.Sqlite], Chicago);

        var tooLong = await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}&from=2026-03-06&to=2026-04-06"))
            .AssertProblemAsync(400, "validation_failed");
        await (await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}&from=2026-03-06&to=2026-03-05"))
            .AssertProblemAsync(400, "validation_failed");
        var missing = await (await s.Portal.GetAsync("/v1/portal/availability")).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(tooLong.FieldErrors("to"));
        Assert.NotEmpty(missing.FieldErrors("jobTypeId"));
        Assert.NotEmpty(missing.FieldErrors("locationId"));
    }

    [Fact]
    public async Task BookingReads_WithoutASignedInUser_Are401()
    {
        var s = await SetUpAsync(hosts[TestDb.Sqlite], Chicago);

        await (await s.Tenant.Portal().GetAsync("/v1/portal/booking-options")).AssertProblemAsync(401, "unauthenticated");
        await (await s.Tenant.Portal().GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}")).AssertProblemAsync(401, "unauthenticated");
    }
}
