using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Portal;

/// <summary>
/// Signed-in portal answers come from memory while the company's data does not change: every change shows on the
/// next request in the process that made it, and within a poll interval in another process on the same database.
/// </summary>
[Collection(ApiCollection.Portal)]
public sealed class PortalCacheTests(ApiHosts hosts)
{
    private static object Invoice(string number, string billTo, long total, long balance) => new
    {
        number, billToCustomerId = billTo, jobId = (string?)null, locationId = (string?)null, businessUnitId = (string?)null,
        issueDate = "2026-11-10", dueDate = (string?)null,
        lines = new[] { new { description = "Service call", quantity = 1m, unitPrice = new { amount = total, currency = "usd" }, amount = new { amount = total, currency = "usd" } } },
        subtotal = new { amount = total, currency = "usd" }, tax = new { amount = 0L, currency = "usd" }, total = new { amount = total, currency = "usd" },
        balance = new { amount = balance, currency = "usd" }, summary = "Replaced capacitor", payments = Array.Empty<object>(),
    };

    private static async Task InvoiceAsync(PortalTenant t, string id, string billTo, long total, long balance)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/invoices/{id}", Invoice(id.ToUpperInvariant(), billTo, total, balance));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(PortalTenant Tenant, string AccessToken, string Email)> SeedAsync(ApiFactory factory)
    {
        var t = await PortalTenant.CreateAsync(factory);
        var email = PortalTenant.UniqueEmail("cache");
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.ContactAsync("con-a", "cust-a", email);
        await InvoiceAsync(t, "inv-a", "cust-a", 10_000, 10_000);
        await InvoiceAsync(t, "inv-b", "cust-b", 7_000, 7_000);
        var tokens = await t.InviteAndAcceptAsync("con-a", email);
        return (t, tokens["accessToken"]!.GetValue<string>(), email);
    }

    private static async Task<(JsonNode Body, string ETag)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await AdminSession.ExpectAsync(response, HttpStatusCode.OK);
        return (body, response.Headers.ETag!.Tag);
    }

    private static List<(string Number, long Balance)> Invoices(JsonNode page) =>
        page["data"]!.AsArray().Select(i => (i!["number"]!.GetValue<string>(), i["balance"]!["amount"]!.GetValue<long>())).ToList();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CachedAnswers_FollowEveryChange_OnTheNextRequest(TestDb engine)
    {
        var (t, token, email) = await SeedAsync(hosts[engine]);
        var portal = t.Portal(token);

        var (first, etag) = await GetAsync(portal, "/v1/portal/invoices");
        Assert.Equal([("INV-A", 10_000L)], Invoices(first));
        var (again, sameTag) = await GetAsync(portal, "/v1/portal/invoices");
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(etag, sameTag);

        // A front end that kept the answer revalidates it.
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/portal/invoices");
        revalidate.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var notModified = await portal.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // The back office syncs a payment: the next request shows it, with a new ETag.
        await InvoiceAsync(t, "inv-a", "cust-a", 10_000, 4_000);
        var (paid, newTag) = await GetAsync(portal, "/v1/portal/invoices");
        Assert.Equal([("INV-A", 4_000L)], Invoices(paid));
        Assert.NotEqual(etag, newTag);
        var stale = new HttpRequestMessage(HttpMethod.Get, "/v1/portal/invoices");
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.OK, (await portal.SendAsync(stale)).StatusCode);

        // The user becomes a billing contact of a second customer, then loses it again.
        await t.ContactAsync("con-b", "cust-b", email);
        Assert.Equal([("INV-A", 4_000L), ("INV-B", 7_000L)], Invoices((await GetAsync(portal, "/v1/portal/invoices")).Body).OrderBy(i => i.Number));
        Assert.Equal(2, (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/me"), HttpStatusCode.OK))["customers"]!.AsArray().Count);
        await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/contacts/con-b/revoke-access", null), HttpStatusCode.OK);
        Assert.Equal([("INV-A", 4_000L)], Invoices((await GetAsync(portal, "/v1/portal/invoices")).Body));

        // The company turns the portal off: the publishable key's answer changes at once.
        var (settings, settingsTag) = await t.Admin.GetSettingsAsync();
        settings["enabled"] = false;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, settingsTag), HttpStatusCode.OK);
        var off = await portal.GetAsync("/v1/portal/invoices");
        Assert.Equal(HttpStatusCode.Forbidden, off.StatusCode);
        Assert.Equal("portal_not_available", (await off.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        (settings, settingsTag) = await t.Admin.GetSettingsAsync();
        settings["enabled"] = true;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, settingsTag), HttpStatusCode.OK);
        await GetAsync(portal, "/v1/portal/invoices");

        // Signing out ends the session for the very next request.
        Assert.Equal(HttpStatusCode.NoContent, (await portal.PostAsync("/v1/portal/auth/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.GetAsync("/v1/portal/invoices")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CachedAnswers_AreNeverSharedBetweenSessions(TestDb engine)
    {
        var (t, token, _) = await SeedAsync(hosts[engine]);
        var other = PortalTenant.UniqueEmail("other");
        await t.ContactAsync("con-other", "cust-b", other);
        var otherToken = (await t.InviteAndAcceptAsync("con-other", other))["accessToken"]!.GetValue<string>();

        Assert.Equal([("INV-A", 10_000L)], Invoices((await GetAsync(t.Portal(token), "/v1/portal/invoices")).Body));
        Assert.Equal([("INV-B", 7_000L)], Invoices((await GetAsync(t.Portal(otherToken), "/v1/portal/invoices")).Body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await t.Portal().GetAsync("/v1/portal/invoices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await t.Portal(token + "x").GetAsync("/v1/portal/invoices")).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task NoCacheRequest_ReadsTheDatabase_AndRefreshesTheCachedAnswer(TestDb engine)
    {
        var factory = hosts[engine];
        var (t, token, _) = await SeedAsync(factory);
        var portal = t.Portal(token);
        var (page, etag) = await GetAsync(portal, "/v1/portal/invoices");
        var id = page["data"]![0]!["id"]!.GetValue<Guid>();

        // A write that bypasses the application (and so the change tracking), as an operator's manual fix would.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Set<Invoice>().IgnoreQueryFilters().Where(i => i.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(i => EF.Property<string?>(i, "Summary"), "Changed quietly")));
        }

        Assert.Equal("Replaced capacitor", (await GetAsync(portal, "/v1/portal/invoices")).Body["data"]![0]!["summary"]!.GetValue<string>());
        var fresh = new HttpRequestMessage(HttpMethod.Get, "/v1/portal/invoices");
        fresh.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        var refreshed = await portal.SendAsync(fresh);
        Assert.Equal("Changed quietly", (await AdminSession.ExpectAsync(refreshed, HttpStatusCode.OK))["data"]![0]!["summary"]!.GetValue<string>());
        Assert.NotEqual(etag, refreshed.Headers.ETag!.Tag);
        Assert.Equal("Changed quietly", (await GetAsync(portal, "/v1/portal/invoices")).Body["data"]![0]!["summary"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ChangesMadeByAnotherProcess_ShowWithinItsPollInterval(TestDb engine)
    {
        var writer = hosts[engine];
        var (t, token, _) = await SeedAsync(writer);
        await using var reader = new ApiFactory(writer.Database, new Dictionary<string, string?> { ["Cache:ChangePollMilliseconds"] = "100" });
        var portal = new PortalTenant(reader, t.Admin, t.Key).Portal(token);
        Assert.Equal([("INV-A", 10_000L)], Invoices((await GetAsync(portal, "/v1/portal/invoices")).Body));
        Assert.Equal([("INV-A", 10_000L)], Invoices((await GetAsync(portal, "/v1/portal/invoices")).Body));

        await InvoiceAsync(t, "inv-a", "cust-a", 10_000, 2_500);
        Assert.Equal(
            [("INV-A", 2_500L)],
            await EventuallyAsync(async () => Invoices((await GetAsync(portal, "/v1/portal/invoices")).Body), seen => seen[0].Balance == 2_500));

        Assert.Equal(HttpStatusCode.NoContent, (await t.Portal(token).PostAsync("/v1/portal/auth/sign-out", null)).StatusCode);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            await EventuallyAsync(async () => (await portal.GetAsync("/v1/portal/invoices")).StatusCode, status => status != HttpStatusCode.OK));
    }

    /// <summary>Asks until the answer is the expected one, for at most 10 seconds; answers the last answer.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> ask, Func<T, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var answer = await ask();
        while (!expected(answer) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            answer = await ask();
        }

        return answer;
    }
}
