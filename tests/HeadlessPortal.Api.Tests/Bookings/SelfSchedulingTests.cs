using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Scheduling;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Bookings;

/// <summary>
/// Self-scheduling over HTTP: booking a window, rescheduling and canceling the appointment, and the window's slots under
/// concurrency. "Now" is 2026-03-05T17:30Z (the scheduling hosts); windows are after Chicago springs forward (offset -05:00).
/// </summary>
public sealed class SelfSchedulingTests(SchedulingClockHosts hosts) : IClassFixture<SchedulingClockHosts>
{
    private const string Chicago = "America/Chicago";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> BookAsync(PortalAvailabilityTests.Setup s, Guid windowId, string? key = null, Guid? jobTypeId = null) =>
        PostAsync(s.Portal, "/v1/portal/bookings", new { jobTypeId = jobTypeId ?? s.AcId, locationId = s.Location, windowId, description = "Yearly tune-up" }, key);

    private static Task<HttpResponseMessage> RescheduleAsync(HttpClient portal, Guid bookingId, Guid windowId, string? key = null) =>
        PostAsync(portal, $"/v1/portal/appointments/{bookingId}/reschedule", new { windowId }, key);

    private static Task<HttpResponseMessage> CancelAsync(HttpClient portal, Guid bookingId, string? reason = null, string? key = null) =>
        PostAsync(portal, $"/v1/portal/appointments/{bookingId}/cancel", new { reason }, key);

    private static async Task<Guid> WindowAsync(PortalAvailabilityTests.Setup s, string id, string start, string end, int slots = 3) =>
        (await AdminSession.ExpectAsync(await s.Tenant.Admin.PutWindowAsync(id, start, end, totalSlots: slots), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

    private static async Task<int> BookedSlotsAsync(PortalAvailabilityTests.Setup s, string id) =>
        (await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync($"/v1/admin/capacity-windows/{id}"), HttpStatusCode.OK))["bookedSlots"]!.GetValue<int>();

    private static async Task<List<Guid>> AvailableAsync(PortalAvailabilityTests.Setup s, string day) =>
        (await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/availability?jobTypeId={s.AcId}&locationId={s.Location}&from={day}&to={day}"), HttpStatusCode.OK))
            ["windows"]!.AsArray().Select(w => w!["id"]!.GetValue<Guid>()).ToList();

    private static async Task<int> OutboxCountAsync(PortalAvailabilityTests.Setup s, string type) =>
        (await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync($"/v1/admin/outbox?type={type}"), HttpStatusCode.OK))["data"]!.AsArray().Count;

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BookRescheduleCancel_ShowsTheAppointmentInTheCompanysZone_AndEverySlotReturns(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var first = await WindowAsync(s, "w-10", "2026-03-10T08:00", "2026-03-10T12:00", slots: 1);
        var second = await WindowAsync(s, "w-11", "2026-03-11T13:00", "2026-03-11T17:00", slots: 1);

        var booked = await AdminSession.ExpectAsync(await BookAsync(s, first), HttpStatusCode.Created);

        var id = booked["id"]!.GetValue<Guid>();
        Assert.Equal("booked", booked["status"]!.GetValue<string>());
        Assert.Equal((first, "w-10", "2026-03-10", "2026-03-10T08:00:00-05:00", "2026-03-10T12:00:00-05:00"), (booked["appointment"]!["windowId"]!.GetValue<Guid>(),
            booked["appointment"]!["windowExternalId"]!.GetValue<string>(), booked["appointment"]!["date"]!.GetValue<string>(),
            booked["appointment"]!["start"]!.GetValue<string>(), booked["appointment"]!["end"]!.GetValue<string>()));
        Assert.Empty(booked["preferredWindows"]!.AsArray());
        Assert.Empty(await AvailableAsync(s, "2026-03-10"));
        var mine = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings?status=booked"), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(mine["data"]!.AsArray())!["id"]!.GetValue<Guid>());
        var office = await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.GetAsync($"/v1/admin/bookings/{id}"), HttpStatusCode.OK);
        Assert.Equal(("booked", "w-10"), (office["status"]!.GetValue<string>(), office["appointment"]!["windowExternalId"]!.GetValue<string>()));

        // The office links the back office's job: nothing new is made, the appointment stays booked (and changeable).
        var linked = await AdminSession.ExpectAsync(
            await s.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{id}/schedule", new { jobId = "J-1", appointmentId = "A-1" }), HttpStatusCode.OK);
        Assert.Equal(("booked", "J-1", "w-10"), (linked["status"]!.GetValue<string>(), linked["jobId"]!.GetValue<string>(), linked["appointment"]!["windowExternalId"]!.GetValue<string>()));
        await (await s.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{id}/schedule", new { jobId = "J-2" })).AssertProblemAsync(409, "booking_not_new");
        await (await s.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{id}/dismiss", new { reason = "No" })).AssertProblemAsync(409, "booking_not_new");
        Assert.Equal(1, await BookedSlotsAsync(s, "w-10"));

        var moved = await AdminSession.ExpectAsync(await RescheduleAsync(s.Portal, id, second), HttpStatusCode.OK);

        Assert.Equal(("booked", "2026-03-11T13:00:00-05:00"), (moved["status"]!.GetValue<string>(), moved["appointment"]!["start"]!.GetValue<string>()));
        Assert.Equal([first], await AvailableAsync(s, "2026-03-10"));
        Assert.Empty(await AvailableAsync(s, "2026-03-11"));
        Assert.Equal((0, 1), (await BookedSlotsAsync(s, "w-10"), await BookedSlotsAsync(s, "w-11")));

        var canceled = await AdminSession.ExpectAsync(await CancelAsync(s.Portal, id, "Away that week"), HttpStatusCode.OK);

        Assert.Equal("canceled", canceled["status"]!.GetValue<string>());
        Assert.NotNull(canceled["canceledAt"]);
        Assert.Equal([second], await AvailableAsync(s, "2026-03-11"));
        Assert.Equal(0, await BookedSlotsAsync(s, "w-11"));
        Assert.Equal((1, 1, 1, 0), (await OutboxCountAsync(s, "appointment.booked"), await OutboxCountAsync(s, "appointment.rescheduled"),
            await OutboxCountAsync(s, "appointment.canceled"), await OutboxCountAsync(s, "booking.requested")));
        await (await CancelAsync(s.Portal, id)).AssertProblemAsync(409, "appointment_not_changeable");
        await (await RescheduleAsync(s.Portal, id, first)).AssertProblemAsync(409, "appointment_not_changeable");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FiftyConcurrentBookings_IntoAWindowWithThreeSlots_BookExactlyThree(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var window = await WindowAsync(s, "w-busy", "2026-03-12T08:00", "2026-03-12T12:00", slots: 3);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => BookAsync(s, window)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(409, "window_full");
        }

        Assert.Equal(3, await BookedSlotsAsync(s, "w-busy"));
        Assert.Equal(3, (await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/bookings?status=booked"), HttpStatusCode.OK))["data"]!.AsArray().Count);
        Assert.Equal(3, await OutboxCountAsync(s, "appointment.booked"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ARescheduleRacingABooking_ForTheLastSlot_ExactlyOneWins(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var from = await WindowAsync(s, "w-from", "2026-03-12T08:00", "2026-03-12T12:00", slots: 1);
        var last = await WindowAsync(s, "w-last", "2026-03-13T08:00", "2026-03-13T12:00", slots: 1);
        var id = (await AdminSession.ExpectAsync(await BookAsync(s, from), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var race = await Task.WhenAll(RescheduleAsync(s.Portal, id, last), BookAsync(s, last));

        Assert.Equal(1, race.Count(r => r.IsSuccessStatusCode));
        await race.Single(r => !r.IsSuccessStatusCode).AssertProblemAsync(409, "window_full");
        Assert.Equal(1, await BookedSlotsAsync(s, "w-last"));
        var rescheduled = race[0].IsSuccessStatusCode;
        Assert.Equal(rescheduled ? 0 : 1, await BookedSlotsAsync(s, "w-from"));
        var mine = await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/bookings/{id}"), HttpStatusCode.OK);
        Assert.Equal(rescheduled ? last : from, mine["appointment"]!["windowId"]!.GetValue<Guid>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ReschedulesBetweenTwoWindows_InOppositeDirections_AtOnce_BothSucceed(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        // Six slots each: whatever order the six moves run in, neither window can fill up (three booked plus three coming).
        var x = await WindowAsync(s, "w-x", "2026-03-12T08:00", "2026-03-12T12:00", slots: 6);
        var y = await WindowAsync(s, "w-y", "2026-03-13T08:00", "2026-03-13T12:00", slots: 6);
        var inX = new List<Guid>();
        var inY = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            inX.Add((await AdminSession.ExpectAsync(await BookAsync(s, x), HttpStatusCode.Created))["id"]!.GetValue<Guid>());
            inY.Add((await AdminSession.ExpectAsync(await BookAsync(s, y), HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        var moves = await Task.WhenAll(inX.Select(id => RescheduleAsync(s.Portal, id, y)).Concat(inY.Select(id => RescheduleAsync(s.Portal, id, x))));

        foreach (var move in moves)
        {
            await AdminSession.ExpectAsync(move, HttpStatusCode.OK);
        }

        Assert.Equal((3, 3), (await BookedSlotsAsync(s, "w-x"), await BookedSlotsAsync(s, "w-y")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TheSameIdempotencyKey_ReplayedAndRaced_TakesOneSlot_AndAnswersTheFirstBooking(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var window = await WindowAsync(s, "w-key", "2026-03-12T08:00", "2026-03-12T12:00", slots: 3);
        var other = await WindowAsync(s, "w-other", "2026-03-13T08:00", "2026-03-13T12:00", slots: 3);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BookAsync(s, window, key)));
        var replay = await AdminSession.ExpectAsync(await BookAsync(s, window, key), HttpStatusCode.Created);

        var ids = new HashSet<Guid> { replay["id"]!.GetValue<Guid>() };
        foreach (var response in responses)
        {
            ids.Add((await AdminSession.ExpectAsync(response, HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        Assert.Single(ids);
        Assert.Equal(1, await BookedSlotsAsync(s, "w-key"));
        await (await BookAsync(s, other, key)).AssertProblemAsync(422, "idempotency_key_reused");

        // A change is replayed by its key too: the second reschedule with the same key moves nothing.
        var changeKey = Guid.NewGuid().ToString();
        var id = ids.Single();
        await AdminSession.ExpectAsync(await RescheduleAsync(s.Portal, id, other, changeKey), HttpStatusCode.OK);
        var again = await AdminSession.ExpectAsync(await RescheduleAsync(s.Portal, id, other, changeKey), HttpStatusCode.OK);
        Assert.Equal(other, again["appointment"]!["windowId"]!.GetValue<Guid>());
        Assert.Equal((0, 1), (await BookedSlotsAsync(s, "w-key"), await BookedSlotsAsync(s, "w-other")));
        await (await CancelAsync(s.Portal, id, key: changeKey)).AssertProblemAsync(422, "idempotency_key_reused");
        Assert.Equal(1, await OutboxCountAsync(s, "appointment.rescheduled"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ABookedAppointment_ShowsInMyTasksAndTheUpcomingTab_UntilCanceledOrConfirmedByTheSyncedJob(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var soon = await WindowAsync(s, "w-soon", "2026-03-10T08:00", "2026-03-10T12:00");
        var later = await WindowAsync(s, "w-later", "2026-03-12T13:00", "2026-03-12T17:00");
        var kept = (await AdminSession.ExpectAsync(await BookAsync(s, later), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var canceled = (await AdminSession.ExpectAsync(await BookAsync(s, soon), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        async Task<(JsonObject Tasks, JsonArray Upcoming)> ReadAsync()
        {
            var tasks = (await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/tasks"), HttpStatusCode.OK))["bookedAppointments"]!.AsObject();
            var jobs = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/jobs?tab=upcoming"), HttpStatusCode.OK);
            return (tasks, jobs["bookedAppointments"]!.AsArray());
        }

        // Soonest first, in the company's zone, with the cut-off (12 hours before the window) and the booking's URL.
        var (tasks, upcoming) = await ReadAsync();
        Assert.Equal(2, tasks["count"]!.GetValue<int>());
        Assert.Equal(upcoming.ToJsonString(), tasks["items"]!.ToJsonString());
        Assert.Equal([canceled, kept], upcoming.Select(a => a!["bookingId"]!.GetValue<Guid>()));
        var first = upcoming[0]!;
        Assert.Equal(("AC tune-up", "Pat Homeowner", "Home", "2026-03-10"), (first["jobType"]!["name"]!.GetValue<string>(), first["customer"]!["name"]!.GetValue<string>(),
            first["location"]!["name"]!.GetValue<string>(), first["date"]!.GetValue<string>()));
        Assert.Equal(("2026-03-10T08:00:00-05:00", "2026-03-10T12:00:00-05:00", "2026-03-09T20:00:00-05:00"), (first["arrivalWindowStart"]!.GetValue<string>(),
            first["arrivalWindowEnd"]!.GetValue<string>(), first["changeableUntil"]!.GetValue<string>()));
        Assert.True(first["canChange"]!.GetValue<bool>());
        Assert.Equal($"/v1/portal/bookings/{canceled}", first["url"]!.GetValue<string>());
        await AdminSession.ExpectAsync(await s.Portal.GetAsync(first["url"]!.GetValue<string>()), HttpStatusCode.OK);

        // Other tabs and later pages do not repeat them.
        Assert.Empty((await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/jobs?tab=inProgress"), HttpStatusCode.OK))["bookedAppointments"]!.AsArray());

        // A canceled one leaves both lists.
        await AdminSession.ExpectAsync(await CancelAsync(s.Portal, canceled), HttpStatusCode.OK);
        (tasks, upcoming) = await ReadAsync();
        Assert.Equal([kept], upcoming.Select(a => a!["bookingId"]!.GetValue<Guid>()));
        Assert.Equal(1, tasks["count"]!.GetValue<int>());

        // The office links the back office's job: still shown until that job is synced, then the job's own appointment shows instead.
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PostAsJsonAsync($"/v1/admin/bookings/{kept}/schedule", new { jobId = "J-77", appointmentId = "A-77" }), HttpStatusCode.OK);
        Assert.Single((await ReadAsync()).Upcoming);
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PutAsJsonAsync("/v1/admin/jobs/J-77",
            new { number = "J-77", customerId = "c-1", locationId = "loc-1", jobTypeId = "jt-ac", summary = "AC tune-up" }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PutAsJsonAsync("/v1/admin/appointments/A-77",
            new { jobId = "J-77", start = "2026-03-12T13:00:00-05:00", end = "2026-03-12T17:00:00-05:00", status = "scheduled" }), HttpStatusCode.Created);
        (tasks, upcoming) = await ReadAsync();
        Assert.Empty(upcoming);
        Assert.Equal(0, tasks["count"]!.GetValue<int>());
        var synced = await AdminSession.ExpectAsync(await s.Portal.GetAsync("/v1/portal/tasks"), HttpStatusCode.OK);
        Assert.Equal(["J-77"], synced["upcomingAppointments"]!["items"]!.AsArray().Select(a => a!["jobNumber"]!.GetValue<string>()));

        // While the company takes no bookings, none shows (every booking route then answers 404).
        var other = (await AdminSession.ExpectAsync(await BookAsync(s, soon), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        Assert.Equal([other], (await ReadAsync()).Upcoming.Select(a => a!["bookingId"]!.GetValue<Guid>()));
        await PortalAvailabilityTests.SetFeaturesAsync(s.Tenant.Admin, jobBooking: false, selfScheduling: true, enable: true);
        Assert.Empty((await ReadAsync()).Upcoming);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AfterTheCutOff_RescheduleAndCancel_AreRefused_AndTheSlotStays(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var window = await WindowAsync(s, "w-soon", "2026-03-12T08:00", "2026-03-12T12:00");
        var later = await WindowAsync(s, "w-later", "2026-03-14T08:00", "2026-03-14T12:00");
        var id = (await AdminSession.ExpectAsync(await BookAsync(s, window), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        // The company now closes changes 30 days before the window: the booked one (7 days ahead) is past its cut-off.
        var settings = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(BookingSettingsTests.Settings()))!;
        settings["changeCutOffHours"] = 720;
        await AdminSession.ExpectAsync(await s.Tenant.Admin.Client.PutAsJsonAsync("/v1/admin/booking-settings", settings), HttpStatusCode.OK);

        await (await RescheduleAsync(s.Portal, id, later)).AssertProblemAsync(409, "change_cutoff_passed");
        await (await CancelAsync(s.Portal, id)).AssertProblemAsync(409, "change_cutoff_passed");
        Assert.Equal((1, 0), (await BookedSlotsAsync(s, "w-soon"), await BookedSlotsAsync(s, "w-later")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SomeoneElsesAppointment_OrAnUnknownId_Is404_AndARequestIsNotChangeable(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var window = await WindowAsync(s, "w-mine", "2026-03-12T08:00", "2026-03-12T12:00");
        var id = (await AdminSession.ExpectAsync(await BookAsync(s, window), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var email = PortalTenant.UniqueEmail("other");
        await s.Tenant.ContactAsync("con-2", "c-2", email, "serviceOnly");
        var other = s.Tenant.Portal((await s.Tenant.InviteAndAcceptAsync("con-2", email))["accessToken"]!.GetValue<string>());

        await (await RescheduleAsync(other, id, window)).AssertProblemAsync(404, "not_found");
        await (await CancelAsync(other, id)).AssertProblemAsync(404, "not_found");
        await (await CancelAsync(s.Portal, Guid.NewGuid())).AssertProblemAsync(404, "not_found");
        await (await PostAsync(s.Portal, "/v1/portal/appointments/not-an-id/cancel", new { })).AssertProblemAsync(404, "not_found");
        Assert.Equal(1, await BookedSlotsAsync(s, "w-mine"));

        var request = await AdminSession.ExpectAsync(await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = s.RepairId, locationId = s.Location, preferredWindows = new[] { new { from = "2026-03-12", to = "2026-03-13" } } }), HttpStatusCode.Created);
        Assert.Null(request["appointment"]);
        await (await CancelAsync(s.Portal, request["id"]!.GetValue<Guid>())).AssertProblemAsync(409, "appointment_not_changeable");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AWindow_IsRefused_ForARequestOnlyJobType_OutsideThePeriod_OrWhileSelfSchedulingIsOff(TestDb engine)
    {
        var s = await PortalAvailabilityTests.SetUpAsync(hosts[engine], Chicago);
        var window = await WindowAsync(s, "w-ok", "2026-03-12T08:00", "2026-03-12T12:00");
        var tooSoon = await WindowAsync(s, "w-soon", "2026-03-06T08:00", "2026-03-06T12:00");
        var repairOnly = (await AdminSession.ExpectAsync(await s.Tenant.Admin.PutWindowAsync("w-repair", "2026-03-12T12:00", "2026-03-12T16:00", jobTypeIds: ["jt-repair"]),
            HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await (await BookAsync(s, window, jobTypeId: s.RepairId)).AssertProblemAsync(422, "job_type_not_self_schedulable");
        var soon = await (await BookAsync(s, tooSoon)).AssertProblemAsync(422, "window_not_offered");
        Assert.NotNull(soon["errors"]!["windowId"]);
        await (await BookAsync(s, repairOnly)).AssertProblemAsync(422, "window_not_offered");
        await (await BookAsync(s, Guid.NewGuid())).AssertProblemAsync(422, "window_not_offered");
        var both = await PostAsync(s.Portal, "/v1/portal/bookings",
            new { jobTypeId = s.AcId, locationId = s.Location, windowId = window, preferredWindows = new[] { new { from = "2026-03-12", to = "2026-03-13" } } });
        await both.AssertProblemAsync(400, "validation_failed");
        var id = (await AdminSession.ExpectAsync(await BookAsync(s, window), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await PortalAvailabilityTests.SetFeaturesAsync(s.Tenant.Admin, jobBooking: true, selfScheduling: false);

        await (await BookAsync(s, window)).AssertProblemAsync(422, "job_type_not_self_schedulable");
        var later = await WindowAsync(s, "w-later", "2026-03-14T08:00", "2026-03-14T12:00");
        await (await RescheduleAsync(s.Portal, id, later)).AssertProblemAsync(422, "job_type_not_self_schedulable");
        Assert.Equal(1, await BookedSlotsAsync(s, "w-ok"));
        await AdminSession.ExpectAsync(await CancelAsync(s.Portal, id), HttpStatusCode.OK);
        Assert.Equal(0, await BookedSlotsAsync(s, "w-ok"));
    }
}
