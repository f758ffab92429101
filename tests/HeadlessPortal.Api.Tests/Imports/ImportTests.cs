using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Imports;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Imports;

/// <summary>One API per engine with small batches, so a few lines already span several transactions.</summary>
public sealed class ImportHosts : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];

    public ApiFactory this[TestDb engine] => _factories[engine];

    public string ImportDirectory { get; } = Directory.CreateTempSubdirectory("hp-imports-").FullName;

    public static Dictionary<string, string?> Settings(string directory, bool worker = true) => new()
    {
        ["Imports:Directory"] = directory,
        ["Imports:BatchSize"] = "3",
        ["Imports:PollSeconds"] = "1",
        ["Imports:WorkerEnabled"] = worker ? "true" : "false",
    };

    public async Task InitializeAsync()
    {
        _factories[TestDb.Sqlite] = new ApiFactory(await TestDatabase.CreateAsync(TestDb.Sqlite), Settings(ImportDirectory));
        if (PostgresServer.ConnectionString is not null)
        {
            _factories[TestDb.Postgres] = new ApiFactory(await TestDatabase.CreateAsync(TestDb.Postgres), Settings(ImportDirectory));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories.Values)
        {
            await factory.DisposeAsync();
            await factory.Database.DisposeAsync();
        }

        Directory.Delete(ImportDirectory, recursive: true);
    }
}

public sealed class ImportTests(ImportHosts hosts) : IClassFixture<ImportHosts>
{
    private static readonly string[] MixedFile =
    [
        Customer("c1", "Jane Doe"),
        "{not json",
        """{ "type": "spaceship", "externalId": "s1", "data": {} }""",
        """{ "type": "customer", "externalId": "c2", "data": { "kind": "residential" } }""",
        "",
        Customer("c1", "Jane Q. Doe"),
        Customer("c3", "Acme Corp"),
        Customer("c3", "Acme Corporation"),
        """{ "type": "customer", "externalId": "c4", "data": { "kind": "alien", "name": "Zed" } }""",
    ];

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Import_WhenFileMixesGoodAndBadLines_AppliesTheGoodOnesAndReportsEachBadOneByLine(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);

        var response = await PostAsync(session.Client, MixedFile);

        var accepted = await AdminSession.ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("queued", accepted["status"]!.GetValue<string>());
        Assert.Equal($"/v1/admin/imports/{accepted["id"]}", response.Headers.Location!.OriginalString);
        var done = await WaitForCompletionAsync(session.Client, response.Headers.Location.OriginalString);
        Assert.Equal(9, done["linesRead"]!.GetValue<long>());
        Assert.Equal(4, done["applied"]!.GetValue<long>());
        Assert.Equal(4, done["failed"]!.GetValue<long>());
        Assert.NotNull(done["completedAt"]);
        Assert.Equal(
            [(2L, "malformed_line"), (3L, "unknown_type"), (4L, "validation_failed"), (9L, "validation_failed")],
            done["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<long>(), e["code"]!.GetValue<string>())));
        Assert.Contains("name", done["errors"]![2]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Jane Q. Doe", (await GetCustomerAsync(session, "c1"))["name"]!.GetValue<string>());
        Assert.Equal("Acme Corporation", (await GetCustomerAsync(session, "c3"))["name"]!.GetValue<string>());
        await (await session.Client.GetAsync("/v1/admin/customers/c2")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Import_OfAWindowShrunkBelowItsBookings_IsAuditedWithTheBatch_AsTheClientThatUploadedIt(TestDb engine)
    {
        // Lines are parsed ahead of their batch in another scope; applying them must still use the batch's own services.
        var factory = hosts[engine];
        var admin = await Scheduling.SchedulingTenant.StartAsync(factory, "America/Chicago");
        var window = await AdminSession.ExpectAsync(await Scheduling.SchedulingTenant.PutWindowAsync(admin, "w-1", "2030-03-11T08:00", "2030-03-11T12:00", totalSlots: 3), HttpStatusCode.Created);
        var id = window["id"]!.GetValue<Guid>();
        Assert.True(await Scheduling.SchedulingTenant.SlotAsync(factory, admin.TenantId, id));
        Assert.True(await Scheduling.SchedulingTenant.SlotAsync(factory, admin.TenantId, id));
        var shrunk = JsonSerializer.Serialize(new
        {
            type = "capacityWindow", externalId = "w-1",
            data = new { businessUnitId = "bu-hvac", jobTypeIds = new[] { "jt-ac", "jt-furnace" }, start = "2030-03-11T08:00", end = "2030-03-11T12:00", totalSlots = 1 },
        });

        // Padding lines make the window's line the second batch's (batches of 3), so it was parsed while the first was applied.
        var done = await WaitForCompletionAsync(admin.Client, (await PostAsync(admin.Client, [Customer("pad-1", "One"), Customer("pad-2", "Two"), Customer("pad-3", "Three"), shrunk])).Headers.Location!.OriginalString);

        Assert.Equal((4L, 0L), (done["applied"]!.GetValue<long>(), done["failed"]!.GetValue<long>()));
        var stored = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/capacity-windows/w-1"), HttpStatusCode.OK);
        Assert.Equal((1, 2, 1), (stored["totalSlots"]!.GetValue<int>(), stored["bookedSlots"]!.GetValue<int>(), stored["overbookedBy"]!.GetValue<int>()));
        var audit = await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/audit-events?action=capacity_window.below_bookings"), HttpStatusCode.OK);
        var entry = Assert.Single(audit["data"]!.AsArray())!;
        Assert.Equal("capacity-windows/w-1", entry["target"]!.GetValue<string>());
        Assert.Equal(admin.ClientId, entry["actor"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Import_CapacityWindows_ResolveLocalTimesInTheTenantZone_AndAWindowInTheSpringForwardGapFailsAlone(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        string Window(string id, string start, string end) =>
            JsonSerializer.Serialize(new { type = "capacityWindow", externalId = id, data = new { businessUnitId = "bu-1", jobTypeIds = new[] { "jt-1" }, start, end, totalSlots = 3 } });

        var done = await WaitForCompletionAsync(session.Client, (await PostAsync(session.Client,
        [
            """{ "type": "businessUnit", "externalId": "bu-1", "data": { "name": "Residential" } }""",
            """{ "type": "jobType", "externalId": "jt-1", "data": { "name": "AC tune-up" } }""",
            Window("w-1", "2030-03-11T08:00", "2030-03-11T12:00"),
            Window("w-gap", "2030-03-10T02:30", "2030-03-10T06:00"),
            Window("w-2", "2030-03-09T08:00", "2030-03-09T12:00"),
        ])).Headers.Location!.OriginalString);

        Assert.Equal((4L, 1L), (done["applied"]!.GetValue<long>(), done["failed"]!.GetValue<long>()));
        Assert.Equal((4L, "nonexistent_local_time"), (done["errors"]![0]!["line"]!.GetValue<long>(), done["errors"]![0]!["code"]!.GetValue<string>()));
        var after = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/capacity-windows/w-1"), HttpStatusCode.OK);
        var before = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/capacity-windows/w-2"), HttpStatusCode.OK);
        Assert.Equal("2030-03-11T08:00:00-04:00", after["start"]!.GetValue<string>());
        Assert.Equal("2030-03-09T08:00:00-05:00", before["start"]!.GetValue<string>());
        Assert.Equal((3, 0), (after["totalSlots"]!.GetValue<int>(), after["bookedSlots"]!.GetValue<int>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Import_WhenTheSameFileIsSentTwice_AppliesItAgainWithoutNewRecords(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        string[] file = [.. Enumerable.Range(1, 7).Select(i => Customer($"r{i}", $"Customer {i}"))];

        var first = await WaitForCompletionAsync(session.Client, (await PostAsync(session.Client, file)).Headers.Location!.OriginalString);
        var before = await CustomersAsync(session);
        var second = await WaitForCompletionAsync(session.Client, (await PostAsync(session.Client, file)).Headers.Location!.OriginalString);
        var after = await CustomersAsync(session);

        Assert.Equal(7, first["applied"]!.GetValue<long>());
        Assert.Equal(7, second["applied"]!.GetValue<long>());
        Assert.Equal(0, second["failed"]!.GetValue<long>());
        Assert.Equal(7, before.Count);
        Assert.Equal(before.Select(c => (c["id"]!.GetValue<Guid>(), c["updatedAt"]!.GetValue<string>())), after.Select(c => (c["id"]!.GetValue<Guid>(), c["updatedAt"]!.GetValue<string>())));
        var list = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/imports?limit=1"), HttpStatusCode.OK);
        Assert.Equal(second["id"]!.GetValue<Guid>(), list["data"]![0]!["id"]!.GetValue<Guid>());
        Assert.True(list["hasMore"]!.GetValue<bool>());
        var next = await AdminSession.ExpectAsync(await session.Client.GetAsync($"/v1/admin/imports?limit=1&after={list["nextCursor"]}"), HttpStatusCode.OK);
        Assert.Equal(first["id"]!.GetValue<Guid>(), next["data"]![0]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Import_OfAnotherTenant_IsNotFound()
    {
        var a = await AdminSession.StartAsync(hosts[TestDb.Sqlite]);
        var b = await AdminSession.StartAsync(hosts[TestDb.Sqlite]);
        var location = (await PostAsync(b.Client, [Customer("b1", "B's customer")])).Headers.Location!.OriginalString;
        await WaitForCompletionAsync(b.Client, location);

        await (await a.Client.GetAsync(location)).AssertProblemAsync(404, "not_found");
        var list = await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/imports"), HttpStatusCode.OK);
        Assert.Empty(list["data"]!.AsArray());
        await (await a.Client.GetAsync("/v1/admin/customers/b1")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Import_WhenBodyIsLargerThanTheUsualLimit_IsAccepted()
    {
        var session = await AdminSession.StartAsync(hosts[TestDb.Sqlite]);
        var padding = new string('x', 150);
        string[] file = [.. Enumerable.Range(1, 6000).Select(i => Customer($"big-{i}", $"Customer {i} {padding}"))];
        Assert.True(Encoding.UTF8.GetByteCount(string.Join('\n', file)) > 1024 * 1024);

        var response = await PostAsync(session.Client, file);

        await AdminSession.ExpectAsync(response, HttpStatusCode.Accepted);
        var done = await WaitForCompletionAsync(session.Client, response.Headers.Location!.OriginalString, TimeSpan.FromMinutes(3));
        Assert.Equal(6000, done["applied"]!.GetValue<long>());
    }

    [Fact]
    public async Task Import_WhenContentTypeIsJson_Answers415()
    {
        var session = await AdminSession.StartAsync(hosts[TestDb.Sqlite]);
        var content = new StringContent(Customer("j1", "Json"), Encoding.UTF8, "application/json");

        var response = await session.Client.PostAsync("/v1/admin/imports", content);

        await response.AssertProblemAsync(415, "unsupported_media_type");
    }

    [Fact]
    public async Task Import_WhenItsWorkerStoppedMidway_ResumesAfterTheLastCommittedLine()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        var directory = Directory.CreateTempSubdirectory("hp-imports-").FullName;
        string[] file = [Customer("x1", "One"), Customer("x2", "Two"), Customer("x3", "Three"), Customer("x4", "Four")];
        await using var stopped = new ApiFactory(database, ImportHosts.Settings(directory, worker: false));
        var session = await AdminSession.StartAsync(stopped);
        var id = (await AdminSession.ExpectAsync(await PostAsync(session.Client, file), HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();

        // As a worker that committed the first two lines' batch and then died, leaving its lease to expire.
        var committedBytes = Encoding.UTF8.GetByteCount(file[0] + "\n" + file[1] + "\n");
        await using (var scope = stopped.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Imports.IgnoreQueryFilters([QueryFilters.Tenant])
                .Where(j => j.Id == id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, ImportStatus.Running)
                    .SetProperty(j => j.ClaimedBy, "a-worker-that-died")
                    .SetProperty(j => j.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1))
                    .SetProperty(j => j.LinesRead, 2)
                    .SetProperty(j => j.ByteOffset, committedBytes));
        }

        await using var restarted = new ApiFactory(database, ImportHosts.Settings(directory));
        var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminSession.TokenAsync(restarted, session.ClientId, session.ClientSecret));
        var done = await WaitForCompletionAsync(client, $"/v1/admin/imports/{id}");

        Assert.Equal(4, done["linesRead"]!.GetValue<long>());
        Assert.Equal(2, done["applied"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/admin/customers/x2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/customers/x3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/customers/x4")).StatusCode);
        Assert.False(File.Exists(Path.Combine(directory, $"{id}.ndjson")));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Import_WhenLinesReferToRecordsEarlierInTheFile_ResolvesThem_AndReportsUnknownReferencesByLine(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        string[] file =
        [
            Customer("rc1", "Ref Customer"),
            """{ "type": "location", "externalId": "rl1", "data": { "customerId": "rc1", "address": { "line1": "1 Main", "city": "Town", "country": "US" } } }""",
            """{ "type": "job", "externalId": "rj1", "data": { "number": "J-1", "customerId": "rc1", "locationId": "rl1" } }""",
            """{ "type": "job", "externalId": "rj2", "data": { "number": "J-2", "customerId": "rc-missing", "locationId": "rl1" } }""",
            """{ "type": "appointment", "externalId": "ra1", "data": { "jobId": "rj1", "start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "status": "scheduled" } }""",
        ];

        var status = await WaitForCompletionAsync(session.Client, (await PostAsync(session.Client, file)).Headers.Location!.OriginalString);

        Assert.Equal(4, status["applied"]!.GetValue<int>());
        var error = Assert.Single(status["errors"]!.AsArray())!;
        Assert.Equal(4, error["line"]!.GetValue<int>());
        Assert.Equal("unknown_reference", error["code"]!.GetValue<string>());
        var appointment = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/appointments/ra1"), HttpStatusCode.OK);
        Assert.Equal("rj1", appointment["jobId"]!.GetValue<string>());

        // A load of history notifies nobody: only live changes (PUT) raise customer events.
        var outbox = await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/outbox"), HttpStatusCode.OK);
        Assert.Empty(outbox["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Import_WhenComplete_GathersThePlannersStatistics_SoAFewCustomersJobsAreReadThroughTheCustomerIndex(TestDb engine)
    {
        var session = await AdminSession.StartAsync(hosts[engine]);
        var file = new List<string>();
        for (var c = 0; c < 30; c++)
        {
            file.Add(Customer($"st{c}", $"Stat {c}"));
            file.Add($$"""{ "type": "location", "externalId": "stl{{c}}", "data": { "customerId": "st{{c}}", "address": { "line1": "{{c}} Main", "city": "Town", "country": "US" } } }""");
            for (var j = 0; j < 4; j++)
            {
                file.Add($$"""{ "type": "job", "externalId": "stj{{c}}-{{j}}", "data": { "number": "ST-{{c}}-{{j}}", "customerId": "st{{c}}", "locationId": "stl{{c}}" } }""");
            }
        }

        await WaitForCompletionAsync(session.Client, (await PostAsync(session.Client, file)).Headers.Location!.OriginalString, TimeSpan.FromSeconds(120));

        // The statistics are gathered right after the import completes.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        string evidence;
        while (true)
        {
            await using var scope = hosts[engine].Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (engine == TestDb.Sqlite)
            {
                // The shape of a portal list of two customers' newest jobs: without statistics SQLite walks the
                // (TenantId, Id) index, which is already in that order, through the tenant's whole table.
                evidence = await TextAsync(db, """
                    EXPLAIN QUERY PLAN
                    SELECT "Id" FROM "Jobs" WHERE "TenantId" = $t AND "CustomerId" IN ($a, $b) ORDER BY "Id" DESC LIMIT 26
                    """);
                if (evidence.Contains("IX_Jobs_TenantId_CustomerId_Id", StringComparison.Ordinal))
                {
                    break;
                }
            }
            else
            {
                evidence = await TextAsync(db, """SELECT coalesce(last_analyze::text, 'never') FROM pg_stat_user_tables WHERE relname = 'Jobs'""");
                if (evidence != "never")
                {
                    break;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No statistics after the import: {evidence}");
            await Task.Delay(200);
        }
    }

    /// <summary>The last column of every row the statement answers, joined.</summary>
    private static async Task<string> TextAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? string.Empty);
        }

        return string.Join(" | ", rows);
    }

    private static string Customer(string externalId, string name) =>
        JsonSerializer.Serialize(new { type = "customer", externalId, data = new { kind = "residential", name, emails = new[] { "jane@example.com" } } });

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<string> lines)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return client.PostAsync("/v1/admin/imports", content);
    }

    private static async Task<JsonNode> WaitForCompletionAsync(HttpClient client, string location, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var import = await AdminSession.ExpectAsync(await client.GetAsync(location), HttpStatusCode.OK);
            if (import["status"]!.GetValue<string>() == "completed")
            {
                return import;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The import did not complete in time: {import.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonNode> GetCustomerAsync(AdminSession session, string externalId) =>
        await AdminSession.ExpectAsync(await session.Client.GetAsync($"/v1/admin/customers/{externalId}"), HttpStatusCode.OK);

    private static async Task<List<JsonNode>> CustomersAsync(AdminSession session) =>
        [.. (await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/customers?limit=100"), HttpStatusCode.OK))["data"]!.AsArray().Select(c => c!)];
}
