using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Webhooks;

/// <summary>Events delivered to a real HTTP receiver: signed, retried, given up, disabled, replayed, rotated.</summary>
public sealed class WebhookDeliveryTests(WebhookHosts hosts) : IClassFixture<WebhookHosts>
{
    private static bool Status(JsonNode delivery, string status) => delivery["status"]!.GetValue<string>() == status;

    /// <summary>Moves the host's clock; the admin's token, issued before, would have expired, so it gets a new one.</summary>
    private async Task AdvanceAsync(TestDb engine, AdminSession admin, TimeSpan by)
    {
        hosts.Clock(engine).Advance(by);
        admin.Client.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await AdminSession.TokenAsync(hosts[engine], admin.ClientId, admin.ClientSecret));
    }

    /// <summary>Moves the host's clock just past <paramref name="time"/>.</summary>
    private Task AdvancePastAsync(TestDb engine, AdminSession admin, DateTimeOffset time) =>
        AdvanceAsync(engine, admin, time - hosts.Clock(engine).UtcNow + TimeSpan.FromSeconds(1));

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_AnswersTheSecretOnce_AndAPingArrivesSignedWithItByTheDocumentedScheme(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await WebhookApi.CreateAsync(admin, receiver.Url, "job.booked", "invoice.sent");
        Assert.StartsWith("whsec_", secret);

        var read = await AdminSession.ExpectAsync(await admin.Client.GetAsync($"{WebhookApi.Endpoints}/{id}"), HttpStatusCode.OK);
        Assert.DoesNotContain("whsec_", read.ToJsonString());
        Assert.Equal(["job.booked", "invoice.sent"], read["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(read["enabled"]!.GetValue<bool>());
        var listed = await AdminSession.ExpectAsync(await admin.Client.GetAsync(WebhookApi.Endpoints), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed["data"]!.AsArray())!["id"]!.GetValue<Guid>());

        var ping = await WebhookApi.PingAsync(admin, id);
        var received = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(received.IsSignedWith(secret), received.Signature);
        Assert.False(received.IsSignedWith("whsec_another"));
        Assert.Single(received.Signatures);
        Assert.InRange(received.Timestamp, hosts.Clock(engine).UtcNow.ToUnixTimeSeconds() - 60, hosts.Clock(engine).UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal("application/json", received.ContentType.Split(';')[0]);
        var body = received.Json;
        Assert.Equal(ping["eventId"]!.GetValue<Guid>(), body["id"]!.GetValue<Guid>());
        Assert.Equal(body["id"]!.GetValue<string>(), received.EventId);
        Assert.Equal("webhook.ping", body["type"]!.GetValue<string>());
        Assert.Equal(admin.TenantId, body["tenantId"]!.GetValue<Guid>());
        Assert.Equal(id, body["data"]!["endpointId"]!.GetValue<Guid>());
        Assert.True(body["createdAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.MinValue);

        var logged = await WebhookApi.WaitForDeliveryAsync(admin, id, ping["id"]!.GetValue<Guid>(), d => Status(d, "succeeded"));
        Assert.Equal(200, logged["responseStatus"]!.GetValue<int>());
        Assert.Equal("thanks", logged["responseBody"]!.GetValue<string>());
        Assert.Equal(1, logged["attempts"]!.GetValue<int>());
        Assert.Equal(received.Body, logged["requestBody"]!.GetValue<string>());
        Assert.NotNull(logged["durationMs"]);
        Assert.Null(logged["nextAttemptAt"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AnEvent_GoesToTheEndpointsSubscribedToItsType_WithTheOutboxMessageIdAsItsId(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var other = await WebhookReceiver.StartAsync();
        var (_, secret) = await WebhookApi.CreateAsync(admin, receiver.Url, "job.booked");
        await WebhookApi.CreateAsync(admin, other.Url, "invoice.sent");

        await SyncJobAsync(admin);

        var received = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(received.IsSignedWith(secret));
        Assert.Equal("job.booked", received.Json["type"]!.GetValue<string>());
        Assert.Equal("job-1", received.Json["data"]!["subjectExternalId"]!.GetValue<string>());
        var outbox = (await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/outbox?limit=100&type=job.booked"), HttpStatusCode.OK))["data"]!.AsArray();
        var message = Assert.Single(outbox)!;
        Assert.Equal(message["id"]!.GetValue<Guid>(), received.Json["id"]!.GetValue<Guid>());
        await Outbox.WaitUntilDeliveredAsync(admin);
        Assert.Equal("sent", (await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/outbox?limit=100&type=job.booked"), HttpStatusCode.OK))["data"]![0]!["status"]!.GetValue<string>());

        // The other endpoint does not take job.booked; nothing reaches it.
        await Task.Delay(300);
        Assert.Empty(other.Received);
        Assert.Single(receiver.Received);

        // With no enabled endpoint taking job.booked, the next one is recorded, not sent: nobody received it.
        var endpoints = (await AdminSession.ExpectAsync(await admin.Client.GetAsync(WebhookApi.Endpoints), HttpStatusCode.OK))["data"]!.AsArray();
        foreach (var endpoint in endpoints)
        {
            await AdminSession.ExpectAsync(await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{endpoint!["id"]}/disable", null), HttpStatusCode.OK);
        }

        await AdminSession.ExpectAsync(await admin.Client.PutAsJsonAsync("/v1/admin/jobs/job-2", new { number = "J-101", customerId = "cust-1", locationId = "loc-1", businessUnitId = "bu-1", jobTypeId = "jt-1", summary = "Again" }), HttpStatusCode.Created);
        await Outbox.WaitUntilDeliveredAsync(admin);
        var second = (await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/outbox?limit=100&type=job.booked"), HttpStatusCode.OK))["data"]!.AsArray()
            .Single(m => m!["id"]!.GetValue<Guid>() != message["id"]!.GetValue<Guid>())!;
        Assert.Equal("noSubscriber", second["status"]!.GetValue<string>());
        Assert.Single(receiver.Received);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PortalUsers_InvitedAndActivated_AreDeliveredToTheirSubscribers(TestDb engine)
    {
        var tenant = await PortalTenant.CreateAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        await WebhookApi.CreateAsync(tenant.Admin, receiver.Url, "portal_user.invited", "portal_user.activated");
        var email = PortalTenant.UniqueEmail("invitee");
        await tenant.CustomerAsync("cust-1", "Jane Homeowner");
        await tenant.ContactAsync("con-1", "cust-1", email);

        await tenant.InviteAndAcceptAsync("con-1", email);

        var received = await receiver.WaitForAsync(2);
        var invited = received.Single(r => r.Json["type"]!.GetValue<string>() == "portal_user.invited").Json["data"]!;
        Assert.Equal(("con-1", "cust-1", email, false), (invited["contactExternalId"]!.GetValue<string>(), invited["customerId"]!.GetValue<string>(), invited["email"]!.GetValue<string>(), invited["resend"]!.GetValue<bool>()));
        var activated = received.Single(r => r.Json["type"]!.GetValue<string>() == "portal_user.activated").Json["data"]!;
        Assert.Equal((email, "invitation"), (activated["email"]!.GetValue<string>(), activated["via"]!.GetValue<string>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A500_IsRetriedWithBackoff_WithTheSameEventId_UntilItSucceeds(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await WebhookApi.CreateAsync(admin, receiver.Url);
        receiver.AnswerNext(500, 503);

        var ping = await WebhookApi.PingAsync(admin, id);
        var deliveryId = ping["id"]!.GetValue<Guid>();
        var failed = await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => d["attempts"]!.GetValue<int>() == 1 && d["responseStatus"] is not null);
        Assert.Equal("pending", failed["status"]!.GetValue<string>());
        Assert.Equal(500, failed["responseStatus"]!.GetValue<int>());
        Assert.Equal("answer 500", failed["responseBody"]!.GetValue<string>());
        var firstWait = failed["nextAttemptAt"]!.GetValue<DateTimeOffset>() - failed["lastAttemptAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(firstWait, TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
        await Task.Delay(200);
        Assert.Single(receiver.Received);

        await AdvancePastAsync(engine, admin, failed["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        var second = await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => d["attempts"]!.GetValue<int>() == 2 && d["responseStatus"]!.GetValue<int>() == 503);
        var secondWait = second["nextAttemptAt"]!.GetValue<DateTimeOffset>() - second["lastAttemptAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(secondWait, TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        await AdvancePastAsync(engine, admin, second["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        var done = await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => Status(d, "succeeded"));
        Assert.Equal(3, done["attempts"]!.GetValue<int>());
        var all = receiver.Received;
        Assert.Equal(3, all.Count);
        Assert.Single(all.Select(r => r.Body).Distinct());
        Assert.All(all, r => Assert.True(r.IsSignedWith(secret)));
        var endpoint = await AdminSession.ExpectAsync(await admin.Client.GetAsync($"{WebhookApi.Endpoints}/{id}"), HttpStatusCode.OK);
        Assert.Null(endpoint["failingSince"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A400_IsNotRetried(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await WebhookApi.CreateAsync(admin, receiver.Url);
        receiver.AnswerNext(400);

        var ping = await WebhookApi.PingAsync(admin, id);
        var failed = await WebhookApi.WaitForDeliveryAsync(admin, id, ping["id"]!.GetValue<Guid>(), d => Status(d, "failed"));
        Assert.Equal(400, failed["responseStatus"]!.GetValue<int>());
        Assert.Null(failed["nextAttemptAt"]);

        await AdvanceAsync(engine, admin, TimeSpan.FromDays(1));
        await Task.Delay(300);
        Assert.Single(receiver.Received);
        Assert.Equal(1, (await WebhookApi.DeliveriesAsync(admin, id)).Single()["attempts"]!.GetValue<int>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AnEndpointFailingForThreeDays_IsDisabled_AndTheOfficeIsEmailed(TestDb engine)
    {
        var (admin, office) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await WebhookApi.CreateAsync(admin, receiver.Url);
        receiver.AnswerNext(Enumerable.Repeat(500, 100).ToArray());
        var start = hosts.Clock(engine).UtcNow;

        var deliveryId = (await WebhookApi.PingAsync(admin, id))["id"]!.GetValue<Guid>();
        JsonNode delivery;
        var attempts = 0;
        string? lastAttempt = null;
        while (true)
        {
            // An attempt is over once its outcome is recorded (its time), not when it is claimed (its count).
            var (seen, before) = (attempts, lastAttempt);
            delivery = await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => d["attempts"]!.GetValue<int>() > seen && d["lastAttemptAt"]?.GetValue<string>() != before);
            attempts = delivery["attempts"]!.GetValue<int>();
            lastAttempt = delivery["lastAttemptAt"]!.GetValue<string>();
            if (Status(delivery, "failed"))
            {
                break;
            }

            var endpoint = await AdminSession.ExpectAsync(await admin.Client.GetAsync($"{WebhookApi.Endpoints}/{id}"), HttpStatusCode.OK);
            Assert.True(endpoint["enabled"]!.GetValue<bool>(), "disabled before the 3 days were over");
            Assert.NotNull(endpoint["failingSince"]);
            Assert.True(attempts < 30, "too many attempts");
            await AdvancePastAsync(engine, admin, delivery["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        }

        // Retried with growing delays up to the end of the 3 days, and not after.
        Assert.InRange(delivery["lastAttemptAt"]!.GetValue<DateTimeOffset>() - start, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));
        Assert.InRange(attempts, 6, 14);
        var disabled = await AdminSession.ExpectAsync(await admin.Client.GetAsync($"{WebhookApi.Endpoints}/{id}"), HttpStatusCode.OK);
        Assert.False(disabled["enabled"]!.GetValue<bool>());
        Assert.Equal("failing", disabled["disabledReason"]!.GetValue<string>());
        var email = await hosts[engine].Mailbox.WaitForAsync(office);
        Assert.Contains("webhook endpoint was disabled", email.Subject);
        Assert.Contains(receiver.Url, email.Text);

        // Disabled, it receives nothing more, not even a ping; enabled again, it does.
        await (await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{id}/ping", null)).AssertProblemAsync(409, "webhook_endpoint_disabled");
        var enabled = await AdminSession.ExpectAsync(await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{id}/enable", null), HttpStatusCode.OK);
        Assert.True(enabled["enabled"]!.GetValue<bool>());
        Assert.Null(enabled["failingSince"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TheDeliveryLog_KeepsAFinishedDeliveryForThirtyDays_ThenMaintenanceDeletesIt(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await WebhookApi.CreateAsync(admin, receiver.Url);
        var deliveryId = (await WebhookApi.PingAsync(admin, id))["id"]!.GetValue<Guid>();
        await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => Status(d, "succeeded"));

        await AdvanceAsync(engine, admin, TimeSpan.FromDays(29));
        await RunLogRetentionAsync(engine);
        Assert.Single(await WebhookApi.DeliveriesAsync(admin, id));

        await AdvanceAsync(engine, admin, TimeSpan.FromDays(2));
        await RunLogRetentionAsync(engine);
        Assert.Empty(await WebhookApi.DeliveriesAsync(admin, id));
    }

    private async Task RunLogRetentionAsync(TestDb engine)
    {
        await using var scope = hosts[engine].Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<HeadlessPortal.Application.Messaging.IMaintenanceTask>().Single(t => t.Name == "webhooks.log-retention").RunAsync(CancellationToken.None);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Redeliver_SendsTheLoggedEventAgain_WithTheSameBodyAndId(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await WebhookApi.CreateAsync(admin, receiver.Url);
        receiver.AnswerNext(400);
        var deliveryId = (await WebhookApi.PingAsync(admin, id))["id"]!.GetValue<Guid>();
        await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => Status(d, "failed"));

        var again = await AdminSession.ExpectAsync(await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{id}/deliveries/{deliveryId}/redeliver", null), HttpStatusCode.Accepted);
        Assert.Equal("pending", again["status"]!.GetValue<string>());
        var done = await WebhookApi.WaitForDeliveryAsync(admin, id, deliveryId, d => Status(d, "succeeded"));
        Assert.Equal(2, done["attempts"]!.GetValue<int>());
        var both = await receiver.WaitForAsync(2);
        Assert.Equal(both[0].Body, both[1].Body);
        Assert.True(both[1].IsSignedWith(secret));

        await (await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{id}/deliveries/{Guid.NewGuid()}/redeliver", null)).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task RotateSecret_SignsWithTheNewAndTheOldSecretFor24Hours_ThenOnlyTheNew(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, oldSecret) = await WebhookApi.CreateAsync(admin, receiver.Url);

        var rotated = await AdminSession.ExpectAsync(await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{id}/rotate-secret", null), HttpStatusCode.OK);
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        Assert.NotNull(rotated["endpoint"]!["previousSecretExpiresAt"]);

        await WebhookApi.PingAsync(admin, id);
        var during = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(2, during.Signatures.Count);
        Assert.True(during.IsSignedWith(newSecret));
        Assert.True(during.IsSignedWith(oldSecret));

        await AdvanceAsync(engine, admin, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await WebhookApi.PingAsync(admin, id);
        var after = (await receiver.WaitForAsync(2))[1];
        Assert.Single(after.Signatures);
        Assert.True(after.IsSignedWith(newSecret));
        Assert.False(after.IsSignedWith(oldSecret));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwoApiProcessesOnOneDatabase_DeliverEachWebhookOnce(TestDb engine)
    {
        await using var second = hosts.SecondProcess(engine);
        _ = second.Server;
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await WebhookApi.CreateAsync(admin, receiver.Url);

        const int count = 40;
        var pings = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => WebhookApi.PingAsync(admin, id)));
        var received = await receiver.WaitForAsync(count);
        await Task.Delay(500);
        Assert.Equal(count, receiver.Received.Count);
        Assert.Equal(pings.Select(p => p["id"]!.GetValue<Guid>().ToString()).Order(), receiver.Received.Select(r => r.DeliveryId!).Order());
        Assert.All(await WebhookApi.DeliveriesAsync(admin, id), d => Assert.Equal(1, d["attempts"]!.GetValue<int>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_AreChangedDisabledAndDeleted_AndValidated(TestDb engine)
    {
        var (admin, _) = await WebhookApi.TenantAsync(hosts[engine]);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await WebhookApi.CreateAsync(admin, receiver.Url);

        var changed = await AdminSession.ExpectAsync(
            await admin.Client.PutAsJsonAsync($"{WebhookApi.Endpoints}/{id}", new { url = receiver.Url + "?v=2", eventTypes = new[] { "payment.succeeded" }, description = "payments" }), HttpStatusCode.OK);
        Assert.Equal(["payment.succeeded"], changed["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("payments", changed["description"]!.GetValue<string>());

        var disabled = await AdminSession.ExpectAsync(await admin.Client.PostAsync($"{WebhookApi.Endpoints}/{id}/disable", null), HttpStatusCode.OK);
        Assert.Equal("disabled_by_admin", disabled["disabledReason"]!.GetValue<string>());

        var unknown = await (await admin.Client.PostAsJsonAsync(WebhookApi.Endpoints, new { url = receiver.Url, eventTypes = new[] { "job.exploded" } })).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(unknown.FieldErrors("eventTypes"));
        await (await admin.Client.PostAsJsonAsync(WebhookApi.Endpoints, new { url = "ftp://example.com/x", eventTypes = new[] { "job.booked" } })).AssertProblemAsync(422, "webhook_url_invalid");
        var types = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/webhook-event-types"), HttpStatusCode.OK);
        Assert.Contains("appointment.canceled", types.AsArray().Select(t => t!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"{WebhookApi.Endpoints}/{id}")).StatusCode);
        await (await admin.Client.GetAsync($"{WebhookApi.Endpoints}/{id}")).AssertProblemAsync(404, "not_found");

        // Another company's admin sees none of it; the office reads, but does not change, webhooks.
        var (stranger, _) = await WebhookApi.TenantAsync(hosts[engine]);
        var (kept, _) = await WebhookApi.CreateAsync(admin, receiver.Url);
        await (await stranger.Client.GetAsync($"{WebhookApi.Endpoints}/{kept}")).AssertProblemAsync(404, "not_found");
        var office = await AdminSession.StartAsync(hosts[engine], role: "office");
        Assert.Equal(HttpStatusCode.OK, (await office.Client.GetAsync(WebhookApi.Endpoints)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.Client.PostAsJsonAsync(WebhookApi.Endpoints, new { url = receiver.Url, eventTypes = new[] { "job.booked" } })).StatusCode);
    }

    /// <summary>Syncs a customer, location, job type, business unit and job: the job raises job.booked.</summary>
    private static async Task SyncJobAsync(AdminSession s)
    {
        async Task Ok(string path, object doc) => await AdminSession.ExpectAsync(await s.Client.PutAsJsonAsync($"/v1/admin/{path}", doc), HttpStatusCode.Created);
        await Ok("customers/cust-1", new { kind = "residential", name = "Jane Homeowner", emails = new[] { "jane@example.com" } });
        await Ok("locations/loc-1", new { customerId = "cust-1", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await Ok("job-types/jt-1", new { name = "AC repair" });
        await Ok("business-units/bu-1", new { name = "Residential" });
        await Ok("jobs/job-1", new { number = "J-100", customerId = "cust-1", locationId = "loc-1", businessUnitId = "bu-1", jobTypeId = "jt-1", summary = "AC not cooling" });
    }
}
