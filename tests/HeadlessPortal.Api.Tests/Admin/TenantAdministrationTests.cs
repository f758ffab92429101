using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Admin;

[Collection(ApiCollection.Admin)]
public sealed class TenantAdministrationTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TenantA_NeverSeesOrChangesTenantBsRecords(TestDb engine)
    {
        var a = await AdminSession.StartAsync(hosts[engine]);
        var b = await AdminSession.StartAsync(hosts[engine]);
        var bKey = await AdminSession.ExpectAsync(await b.Client.PostAsJsonAsync("/v1/admin/publishable-keys", new { name = "B site", allowedOrigins = new[] { "https://b.example" } }), HttpStatusCode.Created);
        var bNumber = await AdminSession.ExpectAsync(await b.Client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number = "+15555550199" }), HttpStatusCode.Created);
        await AdminSession.ExpectAsync(await b.Client.PutAsJsonAsync("/v1/admin/business-units/bu-b", new { name = "B unit" }), HttpStatusCode.Created);
        var bClients = await AdminSession.ExpectAsync(await b.Client.GetAsync("/v1/admin/api-clients"), HttpStatusCode.OK);
        var bClientId = bClients["data"]![0]!["id"]!.GetValue<Guid>();

        await (await a.Client.PostAsync($"/v1/admin/publishable-keys/{bKey["id"]}/revoke", null)).AssertProblemAsync(404, "not_found");
        await (await a.Client.DeleteAsync($"/v1/admin/phone-numbers/{bNumber["id"]}")).AssertProblemAsync(404, "not_found");
        await (await a.Client.PostAsync($"/v1/admin/api-clients/{bClientId}/revoke", null)).AssertProblemAsync(404, "not_found");
        await (await a.Client.PostAsync($"/v1/admin/api-clients/{bClientId}/secret", null)).AssertProblemAsync(404, "not_found");
        await (await a.Client.GetAsync("/v1/admin/business-units/bu-b")).AssertProblemAsync(404, "not_found");

        Assert.Empty((await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/publishable-keys"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Empty((await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/phone-numbers"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Empty((await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/business-units"), HttpStatusCode.OK))["data"]!.AsArray());
        var aClients = (await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/api-clients"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.Equal([a.ClientId], aClients.Select(c => c!["clientId"]!.GetValue<string>()));
        Assert.DoesNotContain((await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/audit-events?limit=100"), HttpStatusCode.OK))["data"]!.AsArray(),
            e => e!["actor"]!.GetValue<string>() == b.ClientId);

        // B's own view is intact.
        Assert.Single((await AdminSession.ExpectAsync(await b.Client.GetAsync("/v1/admin/publishable-keys"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BusinessUnits_UpsertIsIdempotentByExternalId(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);

        var created = await session.Client.PutAsJsonAsync("/v1/admin/business-units/bu-1", new { name = "Residential" });
        var again = await session.Client.PutAsJsonAsync("/v1/admin/business-units/bu-1", new { name = "Residential" });
        var renamed = await session.Client.PutAsJsonAsync("/v1/admin/business-units/bu-1", new { name = "Residential HVAC", active = false });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await AdminSession.ExpectAsync(renamed, HttpStatusCode.OK);
        Assert.Equal("Residential HVAC", body["name"]!.GetValue<string>());
        Assert.False(body["active"]!.GetValue<bool>());
        var list = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/business-units"), HttpStatusCode.OK);
        Assert.Single(list["data"]!.AsArray());
        var unchanged = await AdminSession.ExpectAsync(await session.Client.PutAsJsonAsync("/v1/admin/business-units/bu-1", new { name = "Residential HVAC", active = false }), HttpStatusCode.OK);
        Assert.Equal(body["updatedAt"]!.GetValue<DateTimeOffset>(), unchanged["updatedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task BusinessUnits_WhenNameMissing_Answers400()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var problem = await (await session.Client.PutAsJsonAsync("/v1/admin/business-units/bu-1", new { active = true })).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("name"));
    }

    [Theory]
    [InlineData("555-0100")]
    [InlineData("+0123456789")]
    [InlineData("")]
    public async Task PhoneNumbers_WhenNotE164_Answers400(string number)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var problem = await (await session.Client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number })).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("number"));
    }

    [Fact]
    public async Task PhoneNumbers_AddListRemove_AndDuplicateIs409()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var added = await AdminSession.ExpectAsync(await session.Client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number = "+15555550123", label = "Dispatch" }), HttpStatusCode.Created);
        await (await session.Client.PostAsJsonAsync("/v1/admin/phone-numbers", new { number = "+15555550123" })).AssertProblemAsync(409, "phone_number_exists");

        Assert.Single((await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/phone-numbers"), HttpStatusCode.OK))["data"]!.AsArray());
        await AdminSession.ExpectAsync(await session.Client.DeleteAsync($"/v1/admin/phone-numbers/{added["id"]}"), HttpStatusCode.OK);
        Assert.Empty((await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/phone-numbers"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AuditTrail_RecordsWhoWhatAndWhen_WithBeforeAndAfter(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var (settings, etag) = await session.GetSettingsAsync();
        settings["features"]!["jobBooking"] = false;
        await AdminSession.ExpectAsync(await session.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        var page = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/audit-events?action=portal_settings.updated"), HttpStatusCode.OK);

        var evt = Assert.Single(page["data"]!.AsArray())!;
        Assert.Equal(session.ClientId, evt["actor"]!.GetValue<string>());
        Assert.Equal("portal-settings", evt["target"]!.GetValue<string>());
        Assert.True(evt["before"]!["features"]!["jobBooking"]!.GetValue<bool>());
        Assert.False(evt["after"]!["features"]!["jobBooking"]!.GetValue<bool>());
        Assert.True(evt["occurredAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var all = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/audit-events?limit=2"), HttpStatusCode.OK);
        Assert.True(all["hasMore"]!.GetValue<bool>());
        var actions = all["data"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal("portal_settings.updated", actions[0]);
        var next = await AdminSession.ExpectAsync(await session.Client.GetAsync($"/v1/admin/audit-events?limit=100&after={all["nextCursor"]}"), HttpStatusCode.OK);
        Assert.Contains(next["data"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "tenant.created" && e["actor"]!.GetValue<string>() == "platform");
        Assert.DoesNotContain(next["data"]!.AsArray(), e => e!["after"]?["clientSecret"] is not null || e!.ToJsonString().Contains("sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiClients_CreatedByAnAdmin_CanAuthenticateAndListNeverShowsSecrets()
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var created = await AdminSession.ExpectAsync(await session.Client.PostAsJsonAsync("/v1/admin/api-clients", new { name = "Back office sync", role = "integration" }), HttpStatusCode.Created);

        Assert.Equal("integration", created["role"]!.GetValue<string>());
        Assert.Contains("sync:write", created["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain("clients:write", created["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.NotEmpty(await AdminSession.TokenAsync(Sqlite, created["clientId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>()));
        var list = await session.Client.GetStringAsync("/v1/admin/api-clients");
        Assert.DoesNotContain(created["clientSecret"]!.GetValue<string>(), list, StringComparison.Ordinal);
        Assert.DoesNotContain("secretHash", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":\"x\"}", "role")]
    [InlineData("{\"name\":\"\",\"role\":\"admin\"}", "name")]
    public async Task ApiClients_WhenFieldsMissing_Answers400(string body, string field)
    {
        var session = await AdminSession.StartAsync(Sqlite);
        var response = await session.Client.PostAsync("/v1/admin/api-clients", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.NotEmpty((await response.AssertProblemAsync(400, "validation_failed")).FieldErrors(field));
    }

    [Fact]
    public async Task PlatformCreateApiClient_WhenTenantUnknown_Answers404()
    {
        var response = await Sqlite.CreatePlatformClient().PostJsonAsync($"/v1/platform/tenants/{Guid.CreateVersion7()}/api-clients", new { name = "x", role = "admin" });
        await response.AssertProblemAsync(404, "not_found");
    }
}
