using System.Net;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Platform;

[Collection(ApiCollection.Admin)]
public sealed class PlatformTenantsTests(ApiHosts hosts)
{
    private const string Tenants = "/v1/platform/tenants";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateTenant_WhenValid_Returns201WithLocationAndTheTenant(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var hostName = Http.UniqueHostName();

        var response = await client.PostJsonAsync(Tenants, new { name = "Acme Heating", hostName });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal(7, id.Version);
        Assert.Equal("Acme Heating", body["name"]!.GetValue<string>());
        Assert.Equal(hostName, body["hostName"]!.GetValue<string>());
        Assert.Equal("Acme Heating", body["accountSettings"]!["displayName"]!.GetValue<string>());
        Assert.Equal("usd", body["accountSettings"]!["currency"]!.GetValue<string>());
        Assert.Equal($"{Tenants}/{id}", response.Headers.Location!.OriginalString);

        var fetched = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(hostName, (await fetched.JsonAsync())["hostName"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateTenant_WhenAccountSettingsGiven_StoresThem(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var response = await client.PostJsonAsync(Tenants, new
        {
            name = "Bright Electric",
            hostName = Http.UniqueHostName("bright"),
            accountSettings = new
            {
                displayName = "Bright Electric Co.",
                logoUrl = "https://cdn.bright.example/logo.png",
                primaryColor = "#ff8800",
                phone = "+15555550111",
                email = "office@bright.example",
                timeZone = "America/Denver",
                currency = "USD",
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var settings = (await response.JsonAsync())["accountSettings"]!;
        Assert.Equal("Bright Electric Co.", settings["displayName"]!.GetValue<string>());
        Assert.Equal("#FF8800", settings["primaryColor"]!.GetValue<string>());
        Assert.Equal("America/Denver", settings["timeZone"]!.GetValue<string>());
        Assert.Equal("usd", settings["currency"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ab", "5 to 63")]
    [InlineData("Acme-HVAC", "lowercase")]
    [InlineData("-acme", "hyphen")]
    [InlineData("acme-", "hyphen")]
    [InlineData("www", "reserved")]
    [InlineData("servicetitan", "reserved")]
    [InlineData("acme_hvac", "only lowercase letters, digits and hyphens")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "5 to 63")]
    public async Task CreateTenant_WhenHostNameBreaksARule_Returns400WithTheFieldError(string hostName, string expectedMessagePart)
    {
        var client = hosts[TestDb.Sqlite].CreatePlatformClient();

        var response = await client.PostJsonAsync(Tenants, new { name = "Acme", hostName });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var error = Assert.Single(problem.FieldErrors("hostName"));
        Assert.Contains(expectedMessagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTenant_WhenSeveralFieldsInvalid_ReportsThemAllAtOnce()
    {
        var client = hosts[TestDb.Sqlite].CreatePlatformClient();

        var response = await client.PostJsonAsync(Tenants, new
        {
            name = "",
            hostName = "x",
            accountSettings = new { logoUrl = "http://insecure.example/logo.png", primaryColor = "orange", timeZone = "Nowhere/City" },
        });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.NotEmpty(problem.FieldErrors("hostName"));
        Assert.NotEmpty(problem.FieldErrors("accountSettings.logoUrl"));
        Assert.NotEmpty(problem.FieldErrors("accountSettings.primaryColor"));
        Assert.NotEmpty(problem.FieldErrors("accountSettings.timeZone"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateTenant_WhenHostNameTaken_Returns409HostNameTaken(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var hostName = Http.UniqueHostName();
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(Tenants, new { name = "First", hostName })).StatusCode);

        var response = await client.PostJsonAsync(Tenants, new { name = "Second", hostName });

        var problem = await response.AssertProblemAsync(409, "host_name_taken");
        Assert.Contains(hostName, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateTenant_WhenManyRequestsRaceForOneHostName_ExactlyOneWins(TestDb engine)
    {
        var factory = hosts[engine];
        var hostName = Http.UniqueHostName("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            factory.CreatePlatformClient().PostJsonAsync(Tenants, new { name = $"Racer {i}", hostName })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await loser.AssertProblemAsync(409, "host_name_taken");
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateTenant_WhenTwoTenantsShareAName_GivesEachADistinctSlug(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var name = "Same Name " + Guid.NewGuid().ToString("N")[..6];

        var first = await CreateAsync(client, name, Http.UniqueHostName());
        var second = await CreateAsync(client, name, Http.UniqueHostName());

        Assert.NotEqual(first["slug"]!.GetValue<string>(), second["slug"]!.GetValue<string>());
        Assert.Equal(first["slug"]!.GetValue<string>() + "-2", second["slug"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CreateTenant_WhenManyTenantsWithOneNameArriveAtOnce_AllSucceedWithDistinctSlugs(TestDb engine)
    {
        var factory = hosts[engine];
        var name = "Concurrent " + Guid.NewGuid().ToString("N")[..6];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            factory.CreatePlatformClient().PostJsonAsync(Tenants, new { name, hostName = Http.UniqueHostName("same") })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var slugs = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync())["slug"]!.GetValue<string>()));
        Assert.Equal(8, slugs.Distinct().Count());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task GetTenant_WhenUnknownId_Returns404NotFound(TestDb engine)
    {
        var response = await hosts[engine].CreatePlatformClient().GetAsync($"{Tenants}/{Guid.CreateVersion7()}");
        await response.AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ChangeHostName_WhenFree_MovesTheTenantAndFreesTheOldName(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var oldName = Http.UniqueHostName("old");
        var newName = Http.UniqueHostName("new");
        var created = await CreateAsync(client, "Mover", oldName);
        var id = created["id"]!.GetValue<Guid>();

        var response = await client.PutAsJsonAsync($"{Tenants}/{id}/host-name", new { hostName = newName });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(newName, body["hostName"]!.GetValue<string>());
        Assert.True(body["updatedAt"]!.GetValue<DateTimeOffset>() >= created["updatedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(Tenants, new { name = "Taker", hostName = oldName })).StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ChangeHostName_WhenSetToItsOwnName_Succeeds(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var hostName = Http.UniqueHostName();
        var id = (await CreateAsync(client, "Same", hostName))["id"]!.GetValue<Guid>();

        var response = await client.PutAsJsonAsync($"{Tenants}/{id}/host-name", new { hostName });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ChangeHostName_WhenTakenByAnotherTenant_Returns409(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var taken = Http.UniqueHostName("taken");
        await client.PostJsonAsync(Tenants, new { name = "Holder", hostName = taken });
        var id = (await CreateAsync(client, "Mover", Http.UniqueHostName()))["id"]!.GetValue<Guid>();

        var response = await client.PutAsJsonAsync($"{Tenants}/{id}/host-name", new { hostName = taken });

        await response.AssertProblemAsync(409, "host_name_taken");
    }

    [Fact]
    public async Task ChangeHostName_WhenInvalid_Returns400WithFieldError()
    {
        var client = hosts[TestDb.Sqlite].CreatePlatformClient();
        var id = (await CreateAsync(client, "Mover", Http.UniqueHostName()))["id"]!.GetValue<Guid>();

        var response = await client.PutAsJsonAsync($"{Tenants}/{id}/host-name", new { hostName = "Bad Name" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.Single(problem.FieldErrors("hostName"));
    }

    [Fact]
    public async Task ChangeHostName_WhenTenantUnknown_Returns404()
    {
        var response = await hosts[TestDb.Sqlite].CreatePlatformClient()
            .PutAsJsonAsync($"{Tenants}/{Guid.CreateVersion7()}/host-name", new { hostName = Http.UniqueHostName() });
        await response.AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ListTenants_WhenPagedWithCursor_ReturnsEveryTenantOnceInCreationOrder(TestDb engine)
    {
        var client = hosts[engine].CreatePlatformClient();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var body = await CreateAsync(client, $"Paged {i}", Http.UniqueHostName("paged"));
            created.Add(body["id"]!.GetValue<Guid>());
        }

        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var url = after is null ? $"{Tenants}?limit=2" : $"{Tenants}?limit=2&after={after}";
            var page = await (await client.GetAsync(url)).JsonAsync();
            var data = page["data"]!.AsArray();
            Assert.True(data.Count <= 2);
            seen.AddRange(data.Select(t => t!["id"]!.GetValue<Guid>()));
            after = page["nextCursor"]?.GetValue<string>();
            Assert.Equal(after is not null, page["hasMore"]!.GetValue<bool>());
            pages++;
        }
        while (after is not null && pages < 1000);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order().ToList(), seen);
        Assert.Equal(created, seen.Where(created.Contains).ToList());
    }

    [Fact]
    public async Task ListTenants_WhenNoLimitGiven_ReturnsAtMost25()
    {
        var client = hosts[TestDb.Sqlite].CreatePlatformClient();
        var page = await (await client.GetAsync(Tenants)).JsonAsync();
        Assert.True(page["data"]!.AsArray().Count <= 25);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?after=not-a-cursor", "after")]
    public async Task ListTenants_WhenPagingParametersInvalid_Returns400NamingTheParameter(string query, string field)
    {
        var response = await hosts[TestDb.Sqlite].CreatePlatformClient().GetAsync(Tenants + query);
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> CreateAsync(HttpClient client, string name, string hostName)
    {
        var response = await client.PostJsonAsync(Tenants, new { name, hostName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong")]
    public async Task PlatformEndpoints_WhenKeyMissingOrWrong_Return401Problem(string? key)
    {
        var client = hosts[TestDb.Sqlite].CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Platform-Key", key);
        }

        await (await client.GetAsync(Tenants)).AssertProblemAsync(401, "unauthenticated");
        await (await client.PostJsonAsync(Tenants, new { name = "X", hostName = Http.UniqueHostName() })).AssertProblemAsync(401, "unauthenticated");
    }
}
