using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.FakeTwilio;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Texts;

/// <summary>Texts on job milestones, sent with the Twilio package to a fake Twilio, with its status callbacks and replies.</summary>
public sealed class TextMessageTests(TextHosts hosts) : IClassFixture<TextHosts>
{
    private const int Daytime = 14;

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EachMilestone_SendsOneText_FromTheSenderNumber_ToTheMobile_AndRepeatedEventsSendNothingMore(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));

        await t.BookJobAsync();
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 1));
        await t.AppointmentAsync("scheduled");
        await t.AppointmentAsync("dispatched");
        Assert.Equal(2, (await twilio.TextsToAsync(t.Mobile, 2)).Count);
        await t.AppointmentAsync("enRoute");
        Assert.Equal(3, (await twilio.TextsToAsync(t.Mobile, 3)).Count);
        await t.AppointmentAsync("completed");
        Assert.Equal(4, (await twilio.TextsToAsync(t.Mobile, 4)).Count);
        await t.InvoiceAsync(balance: 2_500);
        var texts = await twilio.TextsToAsync(t.Mobile, 5);

        Assert.Equal(5, texts.Count);
        Assert.All(texts, m => Assert.Equal(t.SenderNumber, m.From));
        Assert.All(texts, m => Assert.StartsWith("Cool Air Co: ", m.Body, StringComparison.Ordinal));
        Assert.Contains("your job J-job-1 is booked", texts[0].Body, StringComparison.Ordinal);
        Assert.Contains("Mike is assigned to your visit, arriving ", texts[1].Body, StringComparison.Ordinal);
        Assert.Contains("Mike is on the way.", texts[2].Body, StringComparison.Ordinal);
        Assert.Contains("Mike has finished the work.", texts[3].Body, StringComparison.Ordinal);
        Assert.Contains("invoice INV-inv-1 for $25.00 is ready. Pay online: https://", texts[4].Body, StringComparison.Ordinal);
        Assert.Contains("/pay?token=", texts[4].Body, StringComparison.Ordinal);
        Assert.All(texts, m => Assert.Equal(TextHosts.PublicBaseUrl + "/v1/webhooks/twilio", m.StatusCallback));

        // The same milestones again (the appointment goes back and forth; an admin retries the booking event): no second text.
        await t.AppointmentAsync("dispatched");
        await t.AppointmentAsync("enRoute");
        await SettledAsync(t);
        var booked = await OutboxMessageAsync(t, "job.booked");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DeliverAgainAsync(factory, t, booked)));
        await SettledAsync(t);
        Assert.Equal(5, (await twilio.TextsToAsync(t.Mobile, 6, waitMs: 1_500)).Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task NoText_WhileAMilestonesToggleIsOff_OrWithoutASenderNumber(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var zone = TextTenant.ZoneAtHour(clock.UtcNow, Daytime);

        // Only en route on: booking and dispatch send nothing, en route sends.
        var some = await TextTenant.StartAsync(factory, zone);
        await some.Admin.SetMilestonesAsync(true, only: "technicianEnRoute");
        await some.BookJobAsync();
        await some.AppointmentAsync("dispatched");
        await some.AppointmentAsync("enRoute");
        var texts = await twilio.TextsToAsync(some.Mobile, 1);
        await SettledAsync(some);
        Assert.Single(await twilio.TextsToAsync(some.Mobile, 2, waitMs: 1_000));
        Assert.Contains("on the way", texts[0].Body, StringComparison.Ordinal);

        var noNumber = await TextTenant.StartAsync(factory, zone, senderNumber: false);
        await noNumber.BookJobAsync();
        await noNumber.AppointmentAsync("dispatched");
        await SettledAsync(noNumber);
        Assert.Empty(await twilio.TextsToAsync(noNumber.Mobile, 1, waitMs: 1_000));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task QuietHours_HoldABookingTextUntil0800_WithADelayedJob_ButNeverDispatchedOrEnRoute(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, 23));

        await t.BookJobAsync();
        await t.AppointmentAsync("dispatched");
        var texts = await twilio.TextsToAsync(t.Mobile, 1);
        await SettledAsync(t);
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 2, waitMs: 1_000));
        Assert.Contains("is assigned to your visit", texts[0].Body, StringComparison.Ordinal);

        var held = Assert.Single(await TextsAsync(factory, t, m => m.Milestone == "job.booked"));
        Assert.Equal(TextMessageStatus.Scheduled, held.Status);
        Assert.True(held.Held);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TextTenant.ZoneAtHour(held.CreatedAt, 23));
        var due = TimeZoneInfo.ConvertTime(held.DueAt, zone);
        Assert.Equal((8, 0), (due.Hour, due.Minute));
        Assert.InRange(held.DueAt - held.CreatedAt, TimeSpan.FromHours(8), TimeSpan.FromHours(9.1));

        // A delayed job waits for it, due when the morning comes.
        var storage = factory.Services.GetRequiredService<Hangfire.JobStorage>();
        var scheduled = storage.GetMonitoringApi().ScheduledJobs(0, 1000)
            .Where(j => j.Value.Job?.Args.Contains(held.Id) == true).ToList();
        var job = Assert.Single(scheduled);
        Assert.InRange(job.Value.EnqueueAt, DateTime.UtcNow + TimeSpan.FromHours(8) - TimeSpan.FromMinutes(5), DateTime.UtcNow + TimeSpan.FromHours(9.1));

        // At 08:00 it goes: the clock moves, and the due text is sent (here by the sweep that stands in for the delayed job's time).
        clock.Advance(held.DueAt - clock.UtcNow + TimeSpan.FromSeconds(1));
        await RunSweepAsync(factory);
        texts = await twilio.TextsToAsync(t.Mobile, 2);
        Assert.Equal(2, texts.Count);
        Assert.Contains("is booked", texts[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Stop_SendsNothingMore_AndCancelsHeldTexts_UntilStart(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        await t.BookJobAsync();
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 1));

        var (status, body) = await twilio.SendIncomingAsync(TextHosts.PublicBaseUrl + "/v1/webhooks/twilio", t.Mobile, t.SenderNumber, " stop ");
        Assert.Equal(200, status);
        Assert.Contains("<Response>", body, StringComparison.Ordinal);
        await t.AppointmentAsync("dispatched");
        await t.AppointmentAsync("enRoute");
        await SettledAsync(t);
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 2, waitMs: 1_500));

        // UNSTOP, a synonym of START, resumes texts.
        Assert.Equal(200, (await twilio.SendIncomingAsync(TextHosts.PublicBaseUrl + "/v1/webhooks/twilio", t.Mobile, t.SenderNumber, "Unstop")).Status);
        await t.AppointmentAsync("completed");
        var texts = await twilio.TextsToAsync(t.Mobile, 2);
        Assert.Equal(2, texts.Count);
        Assert.Contains("finished the work", texts[1].Body, StringComparison.Ordinal);

        // QUIT, a synonym of STOP, cancels a text quiet hours were holding.
        var night = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, 23));
        await night.BookJobAsync();
        await SettledAsync(night);
        Assert.Equal(200, (await twilio.SendIncomingAsync(TextHosts.PublicBaseUrl + "/v1/webhooks/twilio", night.Mobile, night.SenderNumber, "QUIT")).Status);
        var canceled = Assert.Single(await TextsAsync(factory, night, _ => true));
        Assert.Equal(TextMessageStatus.Canceled, canceled.Status);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Webhook_RefusesAForgedOrMissingSignature_With403_AndChangesNothing(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        var url = TextHosts.PublicBaseUrl + "/v1/webhooks/twilio";
        var form = new Dictionary<string, string> { ["From"] = t.Mobile, ["To"] = t.SenderNumber, ["Body"] = "STOP", ["MessageSid"] = "SM" + new string('1', 32), ["AccountSid"] = twilio.AccountSid };
        var client = factory.CreateClient();

        var missing = await client.PostAsync("/v1/webhooks/twilio", new FormUrlEncodedContent(form));
        await missing.AssertProblemAsync(403, "invalid_signature");

        var forged = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        forged.Headers.Add("X-Twilio-Signature", FakeTwilioServer.Signature("not-the-auth-token", url, form));
        await (await client.SendAsync(forged)).AssertProblemAsync(403, "invalid_signature");

        // Signed for other fields than those sent.
        var changed = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/twilio") { Content = new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["From"] = "+15555550000" }) };
        changed.Headers.Add("X-Twilio-Signature", FakeTwilioServer.Signature(twilio.AuthToken, url, form));
        await (await client.SendAsync(changed)).AssertProblemAsync(403, "invalid_signature");

        await using var scope = Scope(factory, t);
        Assert.False(await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Set<SmsOptOut>().AnyAsync());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task StatusCallbacks_AreRecordedOnTheText_OnlyMovingForward(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        await t.BookJobAsync();
        var sent = Assert.Single(await twilio.TextsToAsync(t.Mobile, 1));
        var callbacks = await twilio.WaitForCallbacksAsync(sent.Sid, 3);
        Assert.Equal(["queued", "sent", "delivered"], callbacks.Select(c => c.Status));
        Assert.All(callbacks, c => Assert.Equal(200, c.StatusCode));

        var text = Assert.Single(await TextsAsync(factory, t, _ => true));
        Assert.Equal(sent.Sid, text.ProviderMessageId);
        Assert.Equal(TextMessageStatus.Delivered, text.Status);

        // A late "sent" report does not take it back.
        var form = new Dictionary<string, string> { ["MessageSid"] = sent.Sid, ["MessageStatus"] = "sent", ["AccountSid"] = twilio.AccountSid, ["From"] = sent.From, ["To"] = sent.To };
        var late = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        late.Headers.Add("X-Twilio-Signature", FakeTwilioServer.Signature(twilio.AuthToken, TextHosts.PublicBaseUrl + "/v1/webhooks/twilio", form));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(late)).StatusCode);
        Assert.Equal(TextMessageStatus.Delivered, Assert.Single(await TextsAsync(factory, t, _ => true)).Status);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ATextTwilioRefuses_FailsForGood_AndOneItCannotDeliver_IsRecordedUndelivered(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        await t.Admin.SyncAsync("customers", "cust-1", new { kind = "residential", name = "Jane Homeowner", phones = new[] { new { number = FakeTwilioNumbers.NotMobile, label = "mobile", smsOptOut = false } } });
        await t.BookJobAsync();
        await t.Admin.SyncAsync("customers", "cust-2", new { kind = "residential", name = "Joe", phones = new[] { new { number = FakeTwilioNumbers.Undeliverable, label = "cell", smsOptOut = false } } });
        await t.Admin.SyncAsync("jobs", "job-2", new { number = "J-2", customerId = "cust-2", locationId = "loc-1" });

        TextMessage? refused = null, undelivered = null;
        for (var i = 0; i < 200 && !(refused?.Status == TextMessageStatus.Failed && undelivered?.Status == TextMessageStatus.Undelivered); i++)
        {
            await Task.Delay(50);
            var texts = await TextsAsync(factory, t, _ => true);
            refused = texts.SingleOrDefault(x => x.To == FakeTwilioNumbers.NotMobile);
            undelivered = texts.SingleOrDefault(x => x.To == FakeTwilioNumbers.Undeliverable);
        }

        Assert.Equal(TextMessageStatus.Failed, refused?.Status);
        Assert.Equal("21614", refused!.ErrorCode);
        Assert.Equal(1, refused.Attempts);
        Assert.Equal(TextMessageStatus.Undelivered, undelivered?.Status);
        Assert.Equal("30003", undelivered!.ErrorCode);

        // Each ended text is announced once to integrators (message.failed), however many callbacks repeat the report.
        var callback = new Dictionary<string, string> { ["MessageSid"] = undelivered.ProviderMessageId!, ["MessageStatus"] = "undelivered", ["ErrorCode"] = "30003" };
        await TwilioCallbackAsync(factory, twilio, callback);
        var failed = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?type=message.failed&limit=100"), HttpStatusCode.OK))["data"]!.AsArray()
            .Select(m => m!["payload"]!).OrderBy(p => p["to"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        Assert.Equal(2, failed.Count);
        var byNumber = failed.ToDictionary(p => p["to"]!.GetValue<string>());
        Assert.Equal(("sms", "failed", "job.booked", "21614", refused.Id),
            (byNumber[FakeTwilioNumbers.NotMobile]["channel"]!.GetValue<string>(), byNumber[FakeTwilioNumbers.NotMobile]["status"]!.GetValue<string>(),
             byNumber[FakeTwilioNumbers.NotMobile]["kind"]!.GetValue<string>(), byNumber[FakeTwilioNumbers.NotMobile]["errorCode"]!.GetValue<string>(),
             byNumber[FakeTwilioNumbers.NotMobile]["messageId"]!.GetValue<Guid>()));
        Assert.Equal(("undelivered", "30003", undelivered.Id),
            (byNumber[FakeTwilioNumbers.Undeliverable]["status"]!.GetValue<string>(), byNumber[FakeTwilioNumbers.Undeliverable]["errorCode"]!.GetValue<string>(),
             byNumber[FakeTwilioNumbers.Undeliverable]["messageId"]!.GetValue<Guid>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CompletedWork_WithReviewRequestsByTextOn_TextsTheReviewRequestOnce_AndNotWhileItIsOff(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime), allOn: false);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/portal-settings/legal-agreement/acceptance", null), HttpStatusCode.OK);
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["enabled"] = true;
        settings["features"]!["reviewCollection"] = true;
        settings["smsNotifications"]!["reviewRequest"] = true;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        await t.BookJobAsync();
        await t.AppointmentAsync("scheduled");
        await t.AppointmentAsync("completed");
        var text = Assert.Single(await twilio.TextsToAsync(t.Mobile, 1));
        Assert.StartsWith("Cool Air Co: thank you for choosing us! How did we do on job J-job-1? Rate the visit: https://", text.Body, StringComparison.Ordinal);
        Assert.EndsWith(" Reply STOP to opt out.", text.Body, StringComparison.Ordinal);

        // A second completed visit of the same job opens no second prompt: no second text.
        await t.AppointmentAsync("scheduled", id: "appt-2");
        await t.AppointmentAsync("completed", id: "appt-2");
        await SettledAsync(t);
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 2, waitMs: 1_000));
        Assert.Equal("review.requested", Assert.Single(await TextsAsync(factory, t, _ => true)).Milestone);

        // Off: another job's completion prompts in My Tasks but texts nothing.
        (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["smsNotifications"]!["reviewRequest"] = false;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        await t.BookJobAsync("job-2");
        await t.AppointmentAsync("completed", id: "appt-3", jobId: "job-2");
        await SettledAsync(t);
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 2, waitMs: 1_000));
        var requested = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?type=review.requested&limit=100"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.Equal(2, requested.Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ATextTwilioDidNotAnswer_IsTriedAgainLater_AndSentOnce(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        twilio.FailNextRequests(1, 503, to: t.Mobile);
        await t.BookJobAsync();
        TextMessage? text = null;
        for (var i = 0; i < 200 && text?.ErrorCode is null; i++)
        {
            await Task.Delay(50);
            text = (await TextsAsync(factory, t, _ => true)).SingleOrDefault();
        }

        Assert.Equal(TextMessageStatus.Scheduled, text?.Status);
        Assert.Equal(1, text!.Attempts);
        Assert.Equal("20500", text.ErrorCode);
        Assert.DoesNotContain(twilio.Messages, m => m.To == t.Mobile);

        clock.Advance(text.DueAt - clock.UtcNow + TimeSpan.FromSeconds(1));
        await RunSweepAsync(factory);
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 1));
        await RunSweepAsync(factory);
        Assert.Single(await twilio.TextsToAsync(t.Mobile, 2, waitMs: 1_000));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwoHostsOnOneDatabase_HandlingAndSendingTheSameEventAtOnce_SendOneText(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        await using var second = new ApiFactory(factory.Database, TextHosts.Settings(twilio), s => s.AddSingleton<IClock>(clock));
        _ = second.Server;
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));

        // Both hosts' dispatchers and Hangfire servers run; the event is also handed to both hosts' handlers at once, several times.
        await t.BookJobAsync();
        var booked = await OutboxMessageAsync(t, "job.booked");
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => DeliverAgainAsync(i % 2 == 0 ? factory : second, t, booked)));
        var text = Assert.Single(await TextsAsync(factory, t, _ => true));

        // And both hosts are asked to send it at once, several times.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = Scope(i % 2 == 0 ? factory : second, t);
            await scope.ServiceProvider.GetRequiredService<TextSender>().SendAsync(t.Admin.TenantId, text.Id, CancellationToken.None);
        }));
        await SettledAsync(t);

        Assert.Single(await twilio.TextsToAsync(t.Mobile, 2, waitMs: 1_500));
        Assert.Single(twilio.Requests, r => r.Form.GetValueOrDefault("To") == t.Mobile);
        Assert.Equal(1, Assert.Single(await TextsAsync(factory, t, _ => true)).Attempts);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AdminMessages_ListEmailsAndTexts_ByCustomerChannelAndStatus_InCursorPages(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        await t.BookJobAsync();
        var sent = Assert.Single(await twilio.TextsToAsync(t.Mobile, 1));
        await twilio.WaitForCallbacksAsync(sent.Sid, 3);
        await using (var scope = Scope(factory, t))
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            var tenantId = new TenantId(t.Admin.TenantId);
            db.OutboxMessages.Add(EmailMessages.Create(tenantId, new OutgoingEmail("jane@example.com", "Cool Air Co", "Invoice INV-1", "<p>x</p>", "x", "invoice"), clock.UtcNow));
            db.OutboxMessages.Add(EmailMessages.Create(tenantId, new OutgoingEmail("someone@example.com", "Cool Air Co", "Invitation", "<p>x</p>", "x", "invitation"), clock.UtcNow));
            await db.SaveChangesAsync();
        }

        await SettledAsync(t);
        async Task<JsonNode> ListAsync(string query) =>
            await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/messages" + query), HttpStatusCode.OK);
        static List<string> Kinds(JsonNode page) => page["data"]!.AsArray().Select(m => m!["channel"] + "/" + m["kind"] + "/" + m["status"]).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["email/invitation/sent", "email/invoice/sent", "sms/job.booked/delivered"], Kinds(await ListAsync("")));
        Assert.Equal(["sms/job.booked/delivered"], Kinds(await ListAsync("?channel=sms")));
        Assert.Equal(["email/invoice/sent", "sms/job.booked/delivered"], Kinds(await ListAsync("?customer=cust-1")));
        Assert.Equal(["sms/job.booked/delivered"], Kinds(await ListAsync("?status=delivered")));
        Assert.Equal(["email/invitation/sent", "email/invoice/sent"], Kinds(await ListAsync("?status=sent")));
        Assert.Empty(Kinds(await ListAsync("?customer=nobody")));
        var text = (await ListAsync("?channel=sms"))["data"]![0]!;
        Assert.Equal(t.Mobile, text["to"]!.GetValue<string>());
        Assert.Equal("cust-1", text["customerId"]!.GetValue<string>());
        Assert.Null(text["body"]);

        var first = await ListAsync("?limit=2");
        Assert.True(first["hasMore"]!.GetValue<bool>());
        var rest = await ListAsync("?limit=2&after=" + first["nextCursor"]!.GetValue<string>());
        Assert.Equal(["sms/job.booked/delivered"], Kinds(rest));
        Assert.False(rest["hasMore"]!.GetValue<bool>());

        await (await t.Admin.Client.GetAsync("/v1/admin/messages?channel=fax")).AssertProblemAsync(400, "validation_failed");
        await (await t.Admin.Client.GetAsync("/v1/admin/messages?status=lost")).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TextTemplates_AreEditedPreviewedWithTheirEncodingAndSegments_UsedForTheNextText_AndReset(TestDb engine)
    {
        var (twilio, factory, clock) = hosts[engine];
        var t = await TextTenant.StartAsync(factory, TextTenant.ZoneAtHour(clock.UtcNow, Daytime));
        var client = t.Admin.Client;

        var list = await AdminSession.ExpectAsync(await client.GetAsync("/v1/admin/text-templates"), HttpStatusCode.OK);
        Assert.Equal(["job.booked", "technician.dispatched", "technician.en_route", "work.completed", "invoice.sent", "review.requested"], list["data"]!.AsArray().Select(x => x!["milestone"]!.GetValue<string>()));
        Assert.All(list["data"]!.AsArray(), x => Assert.False(x!["customized"]!.GetValue<bool>()));
        Assert.Contains("TechnicianFirstName", list["data"]![1]!["placeholders"]!.AsArray().Select(p => p!.GetValue<string>()));

        // The default, previewed with sample values: plain ASCII is GSM-7.
        var preview = await AdminSession.ExpectAsync(await client.PostAsJsonAsync("/v1/admin/text-templates/technician.dispatched/preview", new { }), HttpStatusCode.OK);
        Assert.StartsWith("Cool Air Co: Mike is assigned to your visit, arriving ", preview["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("GSM-7", preview["encoding"]!.GetValue<string>());
        Assert.Equal(1, preview["segments"]!.GetValue<int>());

        // A draft with an emoji is UCS-2: 70 characters a segment, 67 each when longer.
        var draft = "{CompanyName}: {TechnicianFirstName} is on the way \U0001F69A " + new string('.', 80);
        preview = await AdminSession.ExpectAsync(await client.PostAsJsonAsync("/v1/admin/text-templates/technician.en_route/preview", new { body = draft }), HttpStatusCode.OK);
        Assert.Equal("UCS-2", preview["encoding"]!.GetValue<string>());
        var length = preview["text"]!.GetValue<string>().Length;
        Assert.Equal(length, preview["characters"]!.GetValue<int>());
        Assert.Equal((length + 66) / 67, preview["segments"]!.GetValue<int>());

        // A long GSM-7 draft: 153 characters a segment; an extension character counts twice.
        preview = await AdminSession.ExpectAsync(await client.PostAsJsonAsync("/v1/admin/text-templates/technician.en_route/preview", new { body = new string('a', 160) }), HttpStatusCode.OK);
        Assert.Equal((160, 1), (preview["characters"]!.GetValue<int>(), preview["segments"]!.GetValue<int>()));
        preview = await AdminSession.ExpectAsync(await client.PostAsJsonAsync("/v1/admin/text-templates/technician.en_route/preview", new { body = new string('a', 159) + "€" }), HttpStatusCode.OK);
        Assert.Equal(("GSM-7", 161, 2), (preview["encoding"]!.GetValue<string>(), preview["characters"]!.GetValue<int>(), preview["segments"]!.GetValue<int>()));

        await (await client.PutAsJsonAsync("/v1/admin/text-templates/job.booked", new { body = "Hi {CustomerName}, {InvoiceLink}" })).AssertProblemAsync(400, "validation_failed");
        await (await client.PutAsJsonAsync("/v1/admin/text-templates/job.nope", new { body = "Hi" })).AssertProblemAsync(404, "text_template_not_found");
        var saved = await AdminSession.ExpectAsync(await client.PutAsJsonAsync("/v1/admin/text-templates/job.booked", new { body = "Hi {CustomerName}, job {JobNumber} is booked with {CompanyName}." }), HttpStatusCode.OK);
        Assert.True(saved["customized"]!.GetValue<bool>());

        await t.BookJobAsync();
        Assert.Equal("Hi Jane Homeowner, job J-job-1 is booked with Cool Air Co.", Assert.Single(await twilio.TextsToAsync(t.Mobile, 1)).Body);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/admin/text-templates/job.booked")).StatusCode);
        list = await AdminSession.ExpectAsync(await client.GetAsync("/v1/admin/text-templates"), HttpStatusCode.OK);
        Assert.False(list["data"]![0]!["customized"]!.GetValue<bool>());
    }

    /// <summary>Posts a status callback to the webhook, signed as Twilio signs it.</summary>
    private static async Task TwilioCallbackAsync(ApiFactory factory, FakeTwilioServer twilio, Dictionary<string, string> form)
    {
        form["AccountSid"] = twilio.AccountSid;
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", FakeTwilioServer.Signature(twilio.AuthToken, TextHosts.PublicBaseUrl + "/v1/webhooks/twilio", form));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(request)).StatusCode);
    }

    /// <summary>Delivered: nothing of the tenant's outbox is pending any more.</summary>
    internal static async Task SettledAsync(TextTenant t)
    {
        for (var i = 0; i < 200; i++)
        {
            var pending = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?status=pending&limit=100"), HttpStatusCode.OK);
            if (pending["data"]!.AsArray().Count == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        // The text jobs are picked up within Hangfire's poll interval.
        await Task.Delay(500);
    }

    internal static async Task<OutboxEnvelope> OutboxMessageAsync(TextTenant t, string type)
    {
        var list = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/outbox?type={type}&limit=100"), HttpStatusCode.OK);
        var message = list["data"]!.AsArray().First()!;
        return new OutboxEnvelope(message["id"]!.GetValue<Guid>(), t.Admin.TenantId, type, message["payload"]!.ToJsonString(), 2);
    }

    /// <summary>Delivers an outbox message to its handlers again, as the dispatcher may (delivery is at least once).</summary>
    internal static async Task DeliverAgainAsync(ApiFactory factory, TextTenant t, OutboxEnvelope message)
    {
        await using var scope = Scope(factory, t);
        foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.Type == message.Type && h.GetType().Name == "TextMilestoneHandler"))
        {
            await handler.HandleAsync(message, CancellationToken.None);
        }
    }

    internal static AsyncServiceScope Scope(ApiFactory factory, TextTenant t)
    {
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(new TenantId(t.Admin.TenantId));
        return scope;
    }

    internal static async Task<List<TextMessage>> TextsAsync(ApiFactory factory, TextTenant t, System.Linq.Expressions.Expression<Func<TextMessage, bool>> where)
    {
        await using var scope = Scope(factory, t);
        return await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Set<TextMessage>().AsNoTracking().Where(where).OrderBy(m => m.Id).ToListAsync();
    }

    internal static async Task RunSweepAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IMaintenanceTask>().Single(m => m.Name == "texts.send-due").RunAsync(CancellationToken.None);
    }
}
