using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Scheduling;

[Collection(ApiCollection.Work)]
public sealed class CapacityWindowTests(ApiHosts hosts)
{
    private const string Chicago = "America/Chicago";

    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_ResolvesLocalTimesInTheTenantZone_AcrossDaylightSaving_AndIsIdempotent(TestDb engine)
    {
        var admin = await SchedulingTenant.StartAsync(hosts[engine], Chicago);

        var before = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-1", "2026-03-07T08:00", "2026-03-07T12:00"), HttpStatusCode.Created);
        var after = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-2", "2026-03-08T08:00", "2026-03-08T12:00"), HttpStatusCode.Created);
        var again = await admin.PutWindowAsync("w-2", "2026-03-08T08:00", "2026-03-08T12:00");

        Assert.Equal("2026-03-07T08:00:00-06:00", before["start"]!.GetValue<string>());
        Assert.Equal("2026-03-08T08:00:00-05:00", after["start"]!.GetValue<string>());
        Assert.Equal("2026-03-08T12:00:00-05:00", after["end"]!.GetValue<string>());
        Assert.Equal(new[] { "jt-ac", "jt-furnace" }, after["jobTypeIds"]!.AsArray().Select(j => j!.GetValue<string>()));
        Assert.Equal((3, 0, 3, 0), (after["totalSlots"]!.GetValue<int>(), after["bookedSlots"]!.GetValue<int>(), after["freeSlots"]!.GetValue<int>(), after["overbookedBy"]!.GetValue<int>()));
        var unchanged = await AdminSession.ExpectAsync(again, HttpStatusCode.OK);
        Assert.Equal(after["updatedAt"]!.GetValue<string>(), unchanged["updatedAt"]!.GetValue<string>());
        var listed = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows"), HttpStatusCode.OK);
        Assert.Equal(2, listed["data"]!.AsArray().Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_WhenTheLocalTimeFallsInTheSpringForwardGap_Answers422AndStoresNothing(TestDb engine)
    {
        var admin = await SchedulingTenant.StartAsync(hosts[engine], Chicago);

        var problem = await (await admin.PutWindowAsync("w-gap", "2026-03-08T02:30", "2026-03-08T06:00")).AssertProblemAsync(422, "nonexistent_local_time");

        Assert.Contains("start", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await admin.Client.GetAsync("/v1/admin/capacity-windows/w-gap")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Put_WhenAnOffsetIsGiven_ItMustBeTheZonesThen_AndPicksTheSecondOfAnAmbiguousHour()
    {
        var admin = await SchedulingTenant.StartAsync(Sqlite, Chicago);

        await (await admin.PutWindowAsync("w-bad", "2026-07-01T08:00-06:00", "2026-07-01T12:00")).AssertProblemAsync(422, "offset_mismatch");
        var first = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-first", "2026-11-01T01:30", "2026-11-01T04:00"), HttpStatusCode.Created);
        var second = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-second", "2026-11-01T01:30-06:00", "2026-11-01T04:00"), HttpStatusCode.Created);

        Assert.Equal("2026-11-01T01:30:00-05:00", first["start"]!.GetValue<string>());
        Assert.Equal("2026-11-01T01:30:00-06:00", second["start"]!.GetValue<string>());
        Assert.Equal("2026-11-01T04:00:00-06:00", second["end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_WhenFieldsAreInvalid_Answers400_AndUnknownReferences422()
    {
        var admin = await SchedulingTenant.StartAsync(Sqlite, Chicago);

        var invalid = await (await admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows/w-x",
            new { businessUnitId = "bu-hvac", jobTypeIds = Array.Empty<string>(), start = "tomorrow", end = "2026-03-08T12:00", totalSlots = 1001 }))
            .AssertProblemAsync(400, "validation_failed");
        var unknown = await (await admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows/w-x",
            new { businessUnitId = "bu-nope", jobTypeIds = new[] { "jt-ac", "jt-nope" }, start = "2026-03-09T08:00", end = "2026-03-09T12:00", totalSlots = 3 }))
            .AssertProblemAsync(422, "unknown_reference");
        var backwards = await (await admin.PutWindowAsync("w-x", "2026-03-09T12:00", "2026-03-09T08:00")).AssertProblemAsync(400, "validation_failed");

        Assert.NotEmpty(invalid.FieldErrors("jobTypeIds"));
        Assert.NotEmpty(invalid.FieldErrors("start"));
        Assert.NotEmpty(invalid.FieldErrors("totalSlots"));
        Assert.NotEmpty(unknown.FieldErrors("businessUnitId"));
        Assert.NotEmpty(unknown.FieldErrors("jobTypeIds"));
        Assert.NotEmpty(backwards.FieldErrors("end"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Resize_KeepsBookedSlots_AndAWindowShrunkBelowItsBookingsIsReportedAuditedAndOffersNothing(TestDb engine)
    {
        var factory = hosts[engine];
        var admin = await SchedulingTenant.StartAsync(factory, Chicago);
        var window = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-1", "2030-03-11T08:00", "2030-03-11T12:00", totalSlots: 3), HttpStatusCode.Created);
        var id = window["id"]!.GetValue<Guid>();
        Assert.True(await SchedulingTenant.SlotAsync(factory, admin.TenantId, id));
        Assert.True(await SchedulingTenant.SlotAsync(factory, admin.TenantId, id));

        var grown = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-1", "2030-03-11T08:00", "2030-03-11T12:00", totalSlots: 5), HttpStatusCode.OK);
        var shrunk = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-1", "2030-03-11T08:00", "2030-03-11T12:00", totalSlots: 1), HttpStatusCode.OK);

        Assert.Equal((5, 2, 3), (grown["totalSlots"]!.GetValue<int>(), grown["bookedSlots"]!.GetValue<int>(), grown["freeSlots"]!.GetValue<int>()));
        Assert.Equal((1, 2, 0, 1), (shrunk["totalSlots"]!.GetValue<int>(), shrunk["bookedSlots"]!.GetValue<int>(), shrunk["freeSlots"]!.GetValue<int>(), shrunk["overbookedBy"]!.GetValue<int>()));
        Assert.Equal(["window_below_bookings"], shrunk["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.False(await SchedulingTenant.SlotAsync(factory, admin.TenantId, id));
        var shown = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows/w-1"), HttpStatusCode.OK);
        Assert.Equal(1, shown["overbookedBy"]!.GetValue<int>());
        var audit = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/audit-events?action=capacity_window.below_bookings"), HttpStatusCode.OK);
        var entry = Assert.Single(audit["data"]!.AsArray());
        Assert.Equal("capacity-windows/w-1", entry!["target"]!.GetValue<string>());

        // Releases bring it back under its size, and never below zero.
        Assert.True(await SchedulingTenant.SlotAsync(factory, admin.TenantId, id, release: true));
        Assert.True(await SchedulingTenant.SlotAsync(factory, admin.TenantId, id, release: true));
        Assert.False(await SchedulingTenant.SlotAsync(factory, admin.TenantId, id, release: true));
        var released = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows/w-1"), HttpStatusCode.OK);
        Assert.Equal((0, 1), (released["bookedSlots"]!.GetValue<int>(), released["freeSlots"]!.GetValue<int>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TryTake_FiftyConcurrentTakesOfAThreeSlotWindow_ExactlyThreeSucceed(TestDb engine)
    {
        var factory = hosts[engine];
        var admin = await SchedulingTenant.StartAsync(factory, Chicago);
        var window = await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-race", "2030-03-12T08:00", "2030-03-12T12:00", totalSlots: 3), HttpStatusCode.Created);
        var id = window["id"]!.GetValue<Guid>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => SchedulingTenant.SlotAsync(factory, admin.TenantId, id))));

        Assert.Equal(3, outcomes.Count(o => o));
        var stored = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows/w-race"), HttpStatusCode.OK);
        Assert.Equal((3, 0), (stored["bookedSlots"]!.GetValue<int>(), stored["freeSlots"]!.GetValue<int>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PutBatch_AppliesEachWindowAlone_WithPerItemResults(TestDb engine)
    {
        var admin = await SchedulingTenant.StartAsync(hosts[engine], Chicago);
        await AdminSession.ExpectAsync(await admin.PutWindowAsync("w-mon-am", "2030-03-11T08:00", "2030-03-11T12:00"), HttpStatusCode.Created);
        var week = Enumerable.Range(0, 5).SelectMany(day => new[]
        {
            Item($"w-{day}-am", $"2030-03-{11 + day:00}T08:00", $"2030-03-{11 + day:00}T12:00"),
            Item($"w-{day}-pm", $"2030-03-{11 + day:00}T12:00", $"2030-03-{11 + day:00}T16:00"),
        }).ToList();
        week.Add(Item("w-mon-am", "2030-03-11T08:00", "2030-03-11T12:00"));
        week.Add(Item("w-mon-am-2", "2030-03-11T08:00", "2030-03-11T12:00", totalSlots: 4));
        week.Add(Item("w-gap", "2030-03-10T02:30", "2030-03-10T06:00"));
        week.Add(new { externalId = "w-unknown", businessUnitId = "bu-nope", jobTypeIds = new[] { "jt-ac" }, start = "2030-03-11T08:00", end = "2030-03-11T12:00", totalSlots = 3 });
        week.Add(Item("w-invalid", "2030-03-11T08:00", "2030-03-11T12:00", totalSlots: -1));

        var result = await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows", new { windows = week }), HttpStatusCode.OK);

        Assert.Equal((11, 0, 1, 3), (result["created"]!.GetValue<int>(), result["updated"]!.GetValue<int>(), result["unchanged"]!.GetValue<int>(), result["failed"]!.GetValue<int>()));
        var results = result["results"]!.AsArray();
        Assert.Equal(week.Count, results.Count);
        Assert.Equal("unchanged", results[10]!["status"]!.GetValue<string>());
        Assert.Equal("nonexistent_local_time", results[12]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("unknown_reference", results[13]!["error"]!["code"]!.GetValue<string>());
        Assert.NotNull(results[13]!["error"]!["errors"]!["businessUnitId"]);
        Assert.Equal("validation_failed", results[14]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("2030-03-15T16:00:00-05:00", results[9]!["window"]!["end"]!.GetValue<string>());
        await (await admin.Client.GetAsync("/v1/admin/capacity-windows/w-gap")).AssertProblemAsync(404, "not_found");
        await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows/w-4-pm"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task PutBatch_WhenEmptyOrAnItemLacksItsIdOrAnIdComesTwice_Answers400()
    {
        var admin = await SchedulingTenant.StartAsync(Sqlite, Chicago);

        await (await admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows", new { windows = Array.Empty<object>() })).AssertProblemAsync(400, "validation_failed");
        var problem = await (await admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows",
            new { windows = new[] { new { businessUnitId = "bu-hvac", jobTypeIds = new[] { "jt-ac" }, start = "2030-03-11T08:00", end = "2030-03-11T12:00", totalSlots = 3 } } }))
            .AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("windows[0].externalId"));
        var twice = await (await admin.Client.PutAsJsonAsync("/v1/admin/capacity-windows",
            new { windows = new[] { Item("w-1", "2030-03-11T08:00", "2030-03-11T12:00"), Item("w-1", "2030-03-10T02:30", "2030-03-10T06:00") } }))
            .AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(twice.FieldErrors("windows"));
        await (await admin.Client.GetAsync("/v1/admin/capacity-windows/w-1")).AssertProblemAsync(404, "not_found");
    }

    private static object Item(string externalId, string start, string end, int totalSlots = 3) =>
        new { externalId, businessUnitId = "bu-hvac", jobTypeIds = new[] { "jt-ac", "jt-furnace" }, start, end, totalSlots };
}
