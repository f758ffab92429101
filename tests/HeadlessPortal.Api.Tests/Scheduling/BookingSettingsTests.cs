using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Scheduling;

[Collection(ApiCollection.Work)]
public sealed class BookingSettingsTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    internal static async Task SyncJobTypesAsync(AdminSession admin)
    {
        await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/business-units/bu-hvac", new { name = "Residential HVAC" }), HttpStatusCode.Created);
        foreach (var (id, name) in new[] { ("jt-ac", "AC tune-up"), ("jt-furnace", "Furnace tune-up"), ("jt-repair", "Repair") })
        {
            await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync($"/v1/admin/job-types/{id}", new { name }), HttpStatusCode.Created);
        }
    }

    internal static object Settings(int horizonDays = 30, int leadTimeHours = 24) => new
    {
        jobTypes = new object[]
        {
            new { jobTypeId = "jt-ac", requestable = true, selfSchedulable = true, durationMinutes = 90, businessUnitId = "bu-hvac" },
            new { jobTypeId = "jt-repair", requestable = true, selfSchedulable = false, durationMinutes = 120, businessUnitId = (string?)null },
        },
        horizonDays,
        leadTimeHours,
        changeCutOffHours = 12,
        websiteRequests = true,
    };

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Get_WhenNeverSet_AnswersTheDefaults(TestDb engine)
    {
        var admin = await AdminSession.StartAsync(hosts[engine]);

        var response = await admin.Client.GetAsync("/v1/admin/booking-settings");

        var body = await AdminSession.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Empty(body["jobTypes"]!.AsArray());
        Assert.Equal(30, body["horizonDays"]!.GetValue<int>());
        Assert.Equal(24, body["leadTimeHours"]!.GetValue<int>());
        Assert.Equal(24, body["changeCutOffHours"]!.GetValue<int>());
        Assert.False(body["websiteRequests"]!.GetValue<bool>());
        Assert.Equal(0, body["version"]!.GetValue<int>());
        Assert.Equal("\"0\"", response.Headers.ETag!.Tag);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_SavesJobTypesByExternalId_SelfSchedulingEffectiveOnlyWithTheFeatureOn_AndAudits(TestDb engine)
    {
        var admin = await AdminSession.StartAsync(hosts[engine]);
        await SyncJobTypesAsync(admin);

        var saved = await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", Settings(horizonDays: 14, leadTimeHours: 48)), HttpStatusCode.OK);

        var ac = saved["jobTypes"]![0]!;
        Assert.Equal("jt-ac", ac["jobTypeId"]!.GetValue<string>());
        Assert.Equal("AC tune-up", ac["name"]!.GetValue<string>());
        Assert.True(ac["selfSchedulable"]!.GetValue<bool>());
        Assert.False(ac["selfSchedulingEffective"]!.GetValue<bool>());
        Assert.Equal("bu-hvac", ac["businessUnitId"]!.GetValue<string>());
        Assert.Null(saved["jobTypes"]![1]!["businessUnitId"]);
        Assert.Equal((14, 48, 12, true, 1), (saved["horizonDays"]!.GetValue<int>(), saved["leadTimeHours"]!.GetValue<int>(), saved["changeCutOffHours"]!.GetValue<int>(),
            saved["websiteRequests"]!.GetValue<bool>(), saved["version"]!.GetValue<int>()));
        Assert.Contains(saved["warnings"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "self_scheduling_off");

        var (portal, etag) = await admin.GetSettingsAsync();
        portal["features"]!["selfScheduling"] = true;
        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(portal, etag), HttpStatusCode.OK);
        var reread = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/booking-settings"), HttpStatusCode.OK);
        Assert.True(reread["jobTypes"]![0]!["selfSchedulingEffective"]!.GetValue<bool>());
        Assert.False(reread["jobTypes"]![1]!["selfSchedulingEffective"]!.GetValue<bool>());
        Assert.Empty(reread["warnings"]!.AsArray());

        // The document GET answered goes back as it is and changes nothing.
        var again = await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", reread), HttpStatusCode.OK);
        Assert.Equal(1, again["version"]!.GetValue<int>());
        var audit = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/audit-events?action=booking_settings.updated"), HttpStatusCode.OK);
        Assert.Single(audit["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_WhenAJobTypeOrBusinessUnitIsUnknown_Answers422NamingTheFieldAndSavesNothing(TestDb engine)
    {
        var admin = await AdminSession.StartAsync(hosts[engine]);
        await SyncJobTypesAsync(admin);

        var problem = await (await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", new
        {
            jobTypes = new object[]
            {
                new { jobTypeId = "jt-ac", durationMinutes = 90 },
                new { jobTypeId = "jt-nope", durationMinutes = 90, businessUnitId = "bu-nope" },
            },
        })).AssertProblemAsync(422, "unknown_reference");

        Assert.NotEmpty(problem.FieldErrors("jobTypes[1].jobTypeId"));
        Assert.NotEmpty(problem.FieldErrors("jobTypes[1].businessUnitId"));
        Assert.Empty(problem.FieldErrors("jobTypes[0].jobTypeId"));
        var current = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/booking-settings"), HttpStatusCode.OK);
        Assert.Equal(0, current["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_WhenFieldsAreInvalid_Answers400NamingEachOne()
    {
        var admin = await AdminSession.StartAsync(Sqlite);
        await SyncJobTypesAsync(admin);

        var problem = await (await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", new
        {
            jobTypes = new object[]
            {
                new { jobTypeId = "jt-ac", durationMinutes = 5 },
                new { jobTypeId = "jt-furnace", requestable = false, selfSchedulable = true, durationMinutes = 90 },
            },
            horizonDays = 400,
            leadTimeHours = 721,
            changeCutOffHours = -1,
        })).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("jobTypes[0].durationMinutes"));
        Assert.NotEmpty(problem.FieldErrors("jobTypes[1].selfSchedulable"));
        Assert.NotEmpty(problem.FieldErrors("horizonDays"));
        Assert.NotEmpty(problem.FieldErrors("leadTimeHours"));
        Assert.NotEmpty(problem.FieldErrors("changeCutOffHours"));
    }

    [Fact]
    public async Task Put_WhenLeadTimeIsNotShorterThanTheHorizon_Answers400OnLeadTime()
    {
        var admin = await AdminSession.StartAsync(Sqlite);

        var problem = await (await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", new { jobTypes = Array.Empty<object>(), horizonDays = 2, leadTimeHours = 48 }))
            .AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(problem.FieldErrors("leadTimeHours"));
    }

    [Fact]
    public async Task Put_WhenIfMatchIsStale_Answers412()
    {
        var admin = await AdminSession.StartAsync(Sqlite);
        await SyncJobTypesAsync(admin);
        await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", Settings()), HttpStatusCode.OK);
        var request = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/booking-settings") { Content = JsonContent.Create(Settings(horizonDays: 10)) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        await (await admin.Client.SendAsync(request)).AssertProblemAsync(412, "precondition_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task OfficeClient_ReadsBookingSettings_ButChangingThemIs403InsufficientScope(TestDb engine)
    {
        var office = await AdminSession.StartAsync(hosts[engine], role: "office");

        Assert.Equal(HttpStatusCode.OK, (await office.Client.GetAsync("/v1/admin/booking-settings")).StatusCode);
        await (await office.Client.PutAsJsonAsync("/v1/admin/booking-settings", new { jobTypes = Array.Empty<object>() })).AssertProblemAsync(403, "insufficient_scope");
    }

}
