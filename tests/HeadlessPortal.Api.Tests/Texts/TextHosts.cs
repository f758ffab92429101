using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.FakeTwilio;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Texts;

/// <summary>
/// One API host per engine texting through its own fake Twilio (over loopback HTTP, with the Twilio package), whose status
/// callbacks reach the host's /v1/webhooks/twilio through its in-memory client. A Hangfire server runs the text jobs; the
/// host's clock can be moved.
/// </summary>
public sealed class TextHosts : IAsyncLifetime
{
    /// <summary>The public URL the hosts believe they have: signatures are of URLs under it.</summary>
    public const string PublicBaseUrl = "http://localhost";

    private readonly Dictionary<TestDb, (FakeTwilioServer Twilio, ApiFactory Factory, MovableClock Clock)> _hosts = [];

    public (FakeTwilioServer Twilio, ApiFactory Factory, MovableClock Clock) this[TestDb engine] => _hosts[engine];

    public static Dictionary<string, string?> Settings(FakeTwilioServer twilio) => new()
    {
        ["Twilio:AccountSid"] = twilio.AccountSid,
        ["Twilio:AuthToken"] = twilio.AuthToken,
        ["Twilio:BaseUrl"] = twilio.BaseUrl,
        ["Twilio:PublicBaseUrl"] = PublicBaseUrl,
        ["BackgroundJobs:ServerEnabled"] = "true",
        ["BackgroundJobs:PollIntervalMs"] = "100",
    };

    public async Task InitializeAsync()
    {
        foreach (var engine in PostgresServer.ConnectionString is null ? [TestDb.Sqlite] : new[] { TestDb.Sqlite, TestDb.Postgres })
        {
            ApiFactory? factory = null;
            HttpClient? client = null;
            var twilio = await FakeTwilioServer.StartAsync(new FakeTwilioOptions { CallbackClient = () => client ??= factory?.CreateClient() });
            var clock = new MovableClock();
            factory = new ApiFactory(await TestDatabase.CreateAsync(engine), Settings(twilio), s => s.AddSingleton<IClock>(clock));
            _hosts[engine] = (twilio, factory, clock);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (twilio, factory, _) in _hosts.Values)
        {
            await factory.DisposeAsync();
            await factory.Database.DisposeAsync();
            await twilio.DisposeAsync();
        }
    }
}

/// <summary>A tenant set up to text: a sender number, milestones on, a customer with a mobile number, a technician, a job.</summary>
internal sealed record TextTenant(AdminSession Admin, string SenderNumber, string Mobile)
{
    public static string NewNumber() => "+1555" + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A zone whose local hour is now <paramref name="localHour"/> (a fixed-offset Etc/GMT zone), so a test chooses
    /// daytime or quiet hours whatever the time it runs at.
    /// </summary>
    public static string ZoneAtHour(DateTimeOffset utcNow, int localHour)
    {
        var offset = ((localHour - utcNow.UtcDateTime.Hour) % 24 + 24) % 24;
        if (offset > 14)
        {
            offset -= 24;
        }

        return offset == 0 ? "Etc/GMT" : offset > 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}";
    }

    public static async Task<TextTenant> StartAsync(ApiFactory factory, string timeZone, bool senderNumber = true, bool allOn = true)
    {
        var platform = factory.CreatePlatformClient();
        var hostName = Http.UniqueHostName("txt");
        var tenant = await AdminSession.ExpectAsync(await platform.PostJsonAsync("/v1/platform/tenants",
            new { name = "Texts " + hostName, hostName, accountSettings = new { displayName = "Cool Air Co", timeZone } }), HttpStatusCode.Created);
        var tenantId = tenant["id"]!.GetValue<Guid>();
        var credentials = await AdminSession.ExpectAsync(
            await platform.PostJsonAsync($"/v1/platform/tenants/{tenantId}/api-clients", new { name = "Test admin", role = "admin" }), HttpStatusCode.Created);
        var clientId = credentials["clientId"]!.GetValue<string>();
        var secret = credentials["clientSecret"]!.GetValue<string>();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminSession.TokenAsync(factory, clientId, secret));
        var admin = new AdminSession(tenantId, hostName, clientId, secret, client);

        var sender = NewNumber();
        if (senderNumber)
        {
            await AdminSession.ExpectAsync(await client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number = sender, label = "Dispatch" }), HttpStatusCode.Created);
        }

        await admin.SetMilestonesAsync(allOn);
        var mobile = NewNumber();
        await admin.SyncAsync("customers", "cust-1", new { kind = "residential", name = "Jane Homeowner", emails = new[] { "jane@example.com" },
            phones = new[] { new { number = "+15555550999", label = "home", smsOptOut = false }, new { number = mobile, label = "Mobile", smsOptOut = false } } });
        await admin.SyncAsync("locations", "loc-1", new { customerId = "cust-1", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await admin.SyncAsync("technicians", "tech-1", new { displayName = "Mike Rivera" });
        return new TextTenant(admin, sender, mobile);
    }

    public Task BookJobAsync(string jobId = "job-1") =>
        Admin.SyncAsync("jobs", jobId, new { number = "J-" + jobId, customerId = "cust-1", locationId = "loc-1", summary = "AC not cooling" });

    public Task AppointmentAsync(string status, string id = "appt-1", string jobId = "job-1") =>
        Admin.SyncAsync("appointments", id, new { jobId, start = "2026-12-10T15:00:00Z", end = "2026-12-10T17:00:00Z",
            arrivalWindowStart = "2026-12-10T14:00:00Z", arrivalWindowEnd = "2026-12-10T16:00:00Z", status, technicianIds = new[] { "tech-1" } });

    public Task InvoiceAsync(long balance, string id = "inv-1") =>
        Admin.SyncAsync("invoices", id, new
        {
            number = "INV-" + id, billToCustomerId = "cust-1", jobId = "job-1", locationId = "loc-1", issueDate = "2026-11-01", dueDate = "2026-11-30",
            lines = new[] { new { description = "Diagnostic", quantity = 1m, unitPrice = Money(12_500), amount = Money(12_500) } },
            subtotal = Money(12_500), tax = Money(0), total = Money(12_500), balance = Money(balance), summary = "Replaced capacitor",
            payments = Array.Empty<object>(),
        });

    private static object Money(long amount) => new { amount, currency = "usd" };
}

internal static class TextAdmin
{
    public static async Task SyncAsync(this AdminSession admin, string resource, string id, object document)
    {
        var response = await admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", document);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{resource}/{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task SetMilestonesAsync(this AdminSession admin, bool on, string? only = null)
    {
        var (settings, etag) = await admin.GetSettingsAsync();
        foreach (var key in new[] { "jobBooked", "technicianDispatched", "technicianEnRoute", "workComplete", "invoiceSent" })
        {
            settings["smsNotifications"]![key] = only is null ? on : key == only ? on : !on;
        }

        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    /// <summary>The texts the fake took for <paramref name="to"/>, once there are <paramref name="count"/> (or after a wait, however many there are).</summary>
    public static async Task<IReadOnlyList<FakeTwilioMessage>> TextsToAsync(this FakeTwilioServer twilio, string to, int count, int waitMs = 10_000)
    {
        for (var waited = 0; waited < waitMs; waited += 50)
        {
            if (twilio.Messages.Count(m => m.To == to) >= count)
            {
                break;
            }

            await Task.Delay(50);
        }

        return twilio.Messages.Where(m => m.To == to).ToList();
    }
}
