using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Sync;

[Collection(ApiCollection.Work)]
public sealed class SyncApiTests(ApiHosts hosts)
{
    private ApiFactory Sqlite => hosts[TestDb.Sqlite];

    private static object Money(long amount) => new { amount, currency = "usd" };

    private static object Line(string description, decimal quantity, long unitPrice) =>
        new { description, quantity, unitPrice = Money(unitPrice), amount = Money((long)Math.Round(quantity * unitPrice, MidpointRounding.AwayFromZero)) };

    private static object Invoice(long total, long balance, string billTo = "cust-1", string? jobId = "job-1", long tax = 0) => new
    {
        number = "INV-1001", billToCustomerId = billTo, jobId, locationId = "loc-1", issueDate = "2026-11-01", dueDate = "2026-11-30",
        lines = new[] { Line("Diagnostic", 1, total - tax) }, subtotal = Money(total - tax), tax = Money(tax), total = Money(total), balance = Money(balance),
        summary = "Replaced capacitor", payments = total > balance ? new[] { new { reference = "CHK-7", amount = Money(total - balance), paidAt = "2026-11-02T10:00:00Z", method = "check" } } : [],
    };

    private static async Task<HttpResponseMessage> Put(AdminSession s, string resource, string id, object document) =>
        await s.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", document);

    /// <summary>Loads one of everything, each referring to the ones before, as a back office would.</summary>
    private static async Task SeedAsync(AdminSession s)
    {
        async Task Ok(string resource, string id, object doc) => await AdminSession.ExpectAsync(await Put(s, resource, id, doc), HttpStatusCode.Created);
        await Ok("customers", "cust-1", new { kind = "residential", name = "Jane Homeowner", emails = new[] { "Jane@Example.com" }, phones = new[] { new { number = "+15555550123", label = "mobile", smsOptOut = false } },
            billingAddress = new { line1 = "1 Main St", city = "Springfield", region = "IL", postalCode = "62701", country = "us" } });
        await Ok("locations", "loc-1", new { customerId = "cust-1", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await Ok("contacts", "con-1", new { customerId = "cust-1", email = "jane@example.com", memo = "prefers texts", accessLevel = "billing" });
        await Ok("technicians", "tech-1", new { displayName = "Mike R." });
        await Ok("job-types", "jt-1", new { name = "AC repair" });
        await AdminSession.ExpectAsync(await s.Client.PutAsJsonAsync("/v1/admin/business-units/bu-1", new { name = "Residential" }), HttpStatusCode.Created);
        await Ok("jobs", "job-1", new { number = "J-100", customerId = "cust-1", locationId = "loc-1", businessUnitId = "bu-1", jobTypeId = "jt-1", summary = "AC not cooling", internalNotes = "Dog in yard" });
        await Ok("appointments", "appt-1", new { jobId = "job-1", start = "2026-11-25T09:00:00-06:00", end = "2026-11-25T11:00:00-06:00",
            arrivalWindowStart = "2026-11-25T08:00:00-06:00", arrivalWindowEnd = "2026-11-25T10:00:00-06:00", status = "scheduled", technicianIds = new[] { "tech-1" } });
        await Ok("invoices", "inv-1", Invoice(12_500, 2_500));
        await Ok("proposals", "prop-1", new { number = "P-9", customerId = "cust-1", locationId = "loc-1", jobId = "job-1", status = "open", financingOfferUrl = "https://finance.example/offer/9",
            options = new[] { new { name = "Good", lines = new[] { Line("Repair", 1, 30_000) }, total = Money(30_000) }, new { name = "Best", lines = new[] { Line("New unit", 1, 650_000), Line("Labor", 4.5m, 12_000) }, total = Money(704_000) } } });
        await Ok("equipment", "eq-1", new { locationId = "loc-1", type = "Air conditioner", manufacturer = "Carrier", model = "24ACC6", serial = "SN-123", installedOn = "2019-05-01",
            manufacturerWarranty = new { start = "2019-05-01", end = "2029-05-01", terms = "Parts 10 years" }, jobIds = new[] { "job-1" }, proposalIds = new[] { "prop-1" } });
        await Ok("agreements", "agr-1", new { customerId = "cust-1", name = "Comfort plan", status = "active", startDate = "2026-01-01", endDate = "2026-12-31",
            visits = new[] { new { name = "Spring tune-up", targetDate = "2026-04-01", status = "completed", jobId = (string?)"job-1" }, new { name = "Fall tune-up", targetDate = "2026-12-01", status = "unscheduled", jobId = (string?)null } },
            equipmentIds = new[] { "eq-1" }, invoiceIds = new[] { "inv-1" } });
        await Ok("memberships", "mem-1", new { customerId = "cust-1", type = "Comfort Club", status = "active", startDate = "2026-01-01", visits = Array.Empty<object>(), equipmentIds = new[] { "eq-1" }, invoiceIds = Array.Empty<string>() });
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EveryResource_CanBeCreatedReadListedAndSentTwiceWithoutChange(TestDb engine)
    {
        var s = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(s);

        foreach (var (resource, id) in new[] { ("customers", "cust-1"), ("locations", "loc-1"), ("contacts", "con-1"), ("technicians", "tech-1"), ("job-types", "jt-1"), ("jobs", "job-1"),
                     ("appointments", "appt-1"), ("invoices", "inv-1"), ("proposals", "prop-1"), ("equipment", "eq-1"), ("agreements", "agr-1"), ("memberships", "mem-1") })
        {
            var got = await AdminSession.ExpectAsync(await s.Client.GetAsync($"/v1/admin/{resource}/{id}"), HttpStatusCode.OK);
            Assert.Equal(id, got["externalId"]!.GetValue<string>());
            Assert.Equal(7, got["id"]!.GetValue<Guid>().Version);

            // The GET document goes back as the PUT body: 200, nothing changes.
            var again = await AdminSession.ExpectAsync(await s.Client.PutAsync($"/v1/admin/{resource}/{id}", JsonContent.Create(got)), HttpStatusCode.OK);
            Assert.Equal(got["updatedAt"]!.GetValue<DateTimeOffset>(), again["updatedAt"]!.GetValue<DateTimeOffset>());

            var list = await AdminSession.ExpectAsync(await s.Client.GetAsync($"/v1/admin/{resource}"), HttpStatusCode.OK);
            Assert.Contains(list["data"]!.AsArray(), r => r!["externalId"]!.GetValue<string>() == id);
        }

        var job = await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/jobs/job-1"), HttpStatusCode.OK);
        Assert.Equal("Dog in yard", job["internalNotes"]!.GetValue<string>());
        Assert.Equal("cust-1", job["customerId"]!.GetValue<string>());
        var customer = await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/customers/cust-1"), HttpStatusCode.OK);
        Assert.Equal("jane@example.com", customer["emails"]![0]!.GetValue<string>());
        var invoice = await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/invoices/inv-1"), HttpStatusCode.OK);
        Assert.True(invoice["everHadBalance"]!.GetValue<bool>());
        Assert.Equal(2_500, invoice["balance"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Put_WhenTheDocumentHasAFieldTheResourceDoesNotDeclare_Returns400NamingIt()
    {
        var s = await AdminSession.StartAsync(Sqlite);

        var response = await Put(s, "technicians", "tech-typo", new { displayName = "Ana P.", dispalyName = "Ana" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("dispalyName"));
        await (await s.Client.GetAsync("/v1/admin/technicians/tech-typo")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Put_WhenValuesChange_Answers200WithNewValuesAndLaterUpdatedAt()
    {
        var s = await AdminSession.StartAsync(Sqlite);
        await SeedAsync(s);
        var before = await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/technicians/tech-1"), HttpStatusCode.OK);

        var after = await AdminSession.ExpectAsync(await Put(s, "technicians", "tech-1", new { displayName = "Michael R." }), HttpStatusCode.OK);

        Assert.Equal("Michael R.", after["displayName"]!.GetValue<string>());
        Assert.True(after["updatedAt"]!.GetValue<DateTimeOffset>() > before["updatedAt"]!.GetValue<DateTimeOffset>());
        var since = Uri.EscapeDataString(after["updatedAt"]!.GetValue<DateTimeOffset>().ToString("O"));
        var changed = await AdminSession.ExpectAsync(await s.Client.GetAsync($"/v1/admin/technicians?updatedSince={since}"), HttpStatusCode.OK);
        Assert.Single(changed["data"]!.AsArray());
        var none = await AdminSession.ExpectAsync(await s.Client.GetAsync($"/v1/admin/job-types?updatedSince={since}"), HttpStatusCode.OK);
        Assert.Empty(none["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Put_WhenAReferenceIsUnknown_Answers422NamingItAndChangesNothing(TestDb engine)
    {
        var s = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(s);

        var response = await Put(s, "jobs", "job-2", new { number = "J-2", customerId = "cust-404", locationId = "loc-1", jobTypeId = "jt-404" });

        var problem = await response.AssertProblemAsync(422, "unknown_reference");
        Assert.NotEmpty(problem.FieldErrors("customerId"));
        Assert.NotEmpty(problem.FieldErrors("jobTypeId"));
        Assert.Contains("cust-404", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await s.Client.GetAsync("/v1/admin/jobs/job-2")).AssertProblemAsync(404, "not_found");

        var appointment = await Put(s, "appointments", "appt-9", new { jobId = "job-1", start = "2026-11-25T09:00:00Z", end = "2026-11-25T10:00:00Z", status = "scheduled", technicianIds = new[] { "tech-1", "tech-404" } });
        Assert.NotEmpty((await appointment.AssertProblemAsync(422, "unknown_reference")).FieldErrors("technicianIds"));
    }

    public static TheoryData<string, string, object, string> InvalidDocuments() => new()
    {
        { "invoices", "inv-neg", Invoice(-500, 0), "total" },
        { "invoices", "inv-bal", Invoice(10_000, 12_000), "balance" },
        { "invoices", "inv-negbal", Invoice(10_000, -1), "balance" },
        { "customers", "c-email", new { kind = "residential", name = "X", emails = new[] { "not-an-email" } }, "emails[0]" },
        { "customers", "c-phone", new { kind = "residential", name = "X", phones = new[] { new { number = "555-0100", smsOptOut = false } } }, "phones[0].number" },
        { "customers", "c-long", new { kind = "commercial", name = new string('n', 201) }, "name" },
        { "customers", "c-kind", new { name = "No kind" }, "kind" },
        { "appointments", "a-order", new { jobId = "job-1", start = "2026-11-25T11:00:00Z", end = "2026-11-25T09:00:00Z", status = "scheduled" }, "end" },
        { "appointments", "a-window", new { jobId = "job-1", start = "2026-11-25T09:00:00Z", end = "2026-11-26T11:00:00Z", arrivalWindowStart = "2026-11-25T20:00:00Z", arrivalWindowEnd = "2026-11-26T08:00:00Z", status = "scheduled" }, "arrivalWindowEnd" },
        { "agreements", "ag-dates", new { customerId = "cust-1", name = "Plan", status = "active", startDate = "2026-12-31", endDate = "2026-01-01" }, "endDate" },
        { "technicians", "t-photo", new { displayName = "T", photoUrl = "http://insecure.example/p.jpg" }, "photoUrl" },
        { "proposals", "p-ids", new { number = "P-1", customerId = "cust-1", status = "open",
            options = new[] { new { name = "A", id = (string?)"2", total = Money(0) }, new { name = "B", id = (string?)null, total = Money(0) } } }, "options" },
        { "proposals", "p-rec", new { number = "P-1", customerId = "cust-1", status = "open",
            options = new[] { new { name = "A", recommended = true, total = Money(0) }, new { name = "B", recommended = true, total = Money(0) } } }, "options" },
        { "proposals", "p-terms", new { number = "P-1", customerId = "cust-1", status = "open", terms = new string('t', 20_001), options = new[] { new { name = "A", total = Money(0) } } }, "terms" },
    };

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Proposal_KeepsOptionIdsTheRecommendedOptionExpiryTermsAndEquipment(TestDb engine)
    {
        var s = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(s);

        // equipmentId may name equipment not synced yet (an import applies equipment after proposals).
        var created = await AdminSession.ExpectAsync(await Put(s, "proposals", "prop-2", new
        {
            number = "P-10", customerId = "cust-1", status = "open", expiresOn = "2027-01-15", terms = "Valid for 30 days.", equipmentId = "eq-later",
            options = new object[]
            {
                new { name = "Good", lines = new[] { Line("Repair", 1, 30_000) }, total = Money(30_000) },
                new { name = "Better", id = "better", recommended = true, lines = new[] { Line("Repair+", 1, 40_000) }, total = Money(40_000) },
            },
        }), HttpStatusCode.Created);

        Assert.Equal("2027-01-15", created["expiresOn"]!.GetValue<string>());
        Assert.Equal("Valid for 30 days.", created["terms"]!.GetValue<string>());
        Assert.Equal("eq-later", created["equipmentId"]!.GetValue<string>());
        Assert.Null(created["customerDecision"]);
        var options = created["options"]!.AsArray();
        Assert.Equal(["1", "better"], options.Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal([false, true], options.Select(o => o!["recommended"]!.GetValue<bool>()));
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task Put_WhenDataBreaksARule_Answers400NamingTheFieldAndChangesNothing(string resource, string id, object document, string field)
    {
        var s = await AdminSession.StartAsync(Sqlite);
        await SeedAsync(s);

        var problem = await (await Put(s, resource, id, document)).AssertProblemAsync(400, "validation_failed");

        Assert.True(problem.FieldErrors(field).Length > 0, $"no error for {field}: {problem.ToJsonString()}");
        await (await s.Client.GetAsync($"/v1/admin/{resource}/{id}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Invoice_WhenSubtotalIsNotTheSumOfLines_Answers400()
    {
        var s = await AdminSession.StartAsync(Sqlite);
        await SeedAsync(s);
        var doc = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Invoice(10_000, 0)))!;
        doc["subtotal"]!["amount"] = 9_999;
        var problem = await (await s.Client.PutAsync("/v1/admin/invoices/inv-sum", JsonContent.Create(doc))).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(problem.FieldErrors("subtotal"));
    }

    [Fact]
    public async Task Invoice_WhenBalanceWasOnceAboveZero_StaysMarkedAfterPaidInFull_AndAZeroInvoiceNeverIs()
    {
        var s = await AdminSession.StartAsync(Sqlite);
        await SeedAsync(s);
        var paid = await AdminSession.ExpectAsync(await Put(s, "invoices", "inv-1", Invoice(12_500, 0)), HttpStatusCode.OK);
        Assert.True(paid["everHadBalance"]!.GetValue<bool>());

        var zero = await AdminSession.ExpectAsync(await Put(s, "invoices", "inv-0", Invoice(0, 0)), HttpStatusCode.Created);
        Assert.False(zero["everHadBalance"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Delete_HidesFromListsUntilSentAgain(TestDb engine)
    {
        var s = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(s);

        var deleted = await AdminSession.ExpectAsync(await s.Client.DeleteAsync("/v1/admin/technicians/tech-1"), HttpStatusCode.OK);
        Assert.NotNull(deleted["deletedAt"]!.GetValue<DateTimeOffset?>());
        Assert.Empty((await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/technicians"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Single((await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/technicians?includeDeleted=true"), HttpStatusCode.OK))["data"]!.AsArray());

        var restored = await AdminSession.ExpectAsync(await Put(s, "technicians", "tech-1", new { displayName = "Mike R." }), HttpStatusCode.OK);
        Assert.Null(restored["deletedAt"]);
        Assert.Single((await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/technicians"), HttpStatusCode.OK))["data"]!.AsArray());
        await (await s.Client.DeleteAsync("/v1/admin/technicians/nope")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Changes_CustomersAreToldAbout_AreWrittenToTheOutbox(TestDb engine)
    {
        var s = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(s);
        await AdminSession.ExpectAsync(await Put(s, "appointments", "appt-1", new { jobId = "job-1", start = "2026-11-25T09:00:00-06:00", end = "2026-11-25T11:00:00-06:00", status = "dispatched", technicianIds = new[] { "tech-1" } }), HttpStatusCode.OK);
        await AdminSession.ExpectAsync(await Put(s, "appointments", "appt-1", new { jobId = "job-1", start = "2026-11-25T09:00:00-06:00", end = "2026-11-25T11:00:00-06:00", status = "dispatched", technicianIds = new[] { "tech-1" } }), HttpStatusCode.OK);

        var outbox = await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/outbox?limit=100"), HttpStatusCode.OK);

        var types = outbox["data"]!.AsArray().Select(m => m!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("job.booked", types);
        Assert.Contains("invoice.sent", types);
        Assert.Contains("estimate.sent", types);
        Assert.Single(types, t => t == "technician.dispatched");
        var dispatched = outbox["data"]!.AsArray().Single(m => m!["type"]!.GetValue<string>() == "technician.dispatched")!;
        Assert.Equal("appt-1", dispatched["payload"]!["subjectExternalId"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EventsNothingHandlesYet_AreRecordedAsNoSubscriber_NeverSent_AndARetryQueuesThemAgain(TestDb engine)
    {
        const string Unhandled = "test.nothing-handles-this";
        var s = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(s);
        await AdminSession.ExpectAsync(await Put(s, "appointments", "appt-1", new { jobId = "job-1", start = "2026-11-25T09:00:00-06:00", end = "2026-11-25T11:00:00-06:00", status = "dispatched", technicianIds = new[] { "tech-1" } }), HttpStatusCode.OK);
        await using (var scope = hosts[engine].Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            db.OutboxMessages.Add(OutboxMessage.For(new TenantId(s.TenantId), Unhandled, """{"n":1}""", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        async Task<List<JsonNode>> ListAsync(string query) =>
            (await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/outbox?limit=100&" + query), HttpStatusCode.OK))["data"]!.AsArray().Select(m => m!).ToList();

        // Nothing takes the test event; the milestones have handlers (texts, webhooks), but with no SMS credentials and no
        // webhook endpoint here none of them received anything: they are recorded the same way, never sent.
        List<JsonNode> unsubscribed = [];
        string[] expected = [Unhandled, "job.booked", "technician.dispatched"];
        for (var wait = 0; wait < 200 && !expected.All(t => unsubscribed.Any(m => m["type"]!.GetValue<string>() == t)); wait++)
        {
            await Task.Delay(50);
            unsubscribed = await ListAsync("status=noSubscriber");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), unsubscribed.Select(m => m["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var only = Assert.Single(unsubscribed, m => m["type"]!.GetValue<string>() == Unhandled);
        Assert.Null(only["processedAt"]);
        Assert.Null(only["nextAttemptAt"]);
        Assert.Equal(unsubscribed.Count, (await ListAsync("status=NOSUBSCRIBER")).Count);
        Assert.DoesNotContain(await ListAsync("status=sent"), m => expected.Contains(m["type"]!.GetValue<string>()));

        // A retry queues one again, for a subscriber added since; with none, it is recorded again, still not sent.
        var id = only["id"]!.GetValue<string>();
        var retried = await AdminSession.ExpectAsync(await s.Client.PostAsync($"/v1/admin/outbox/{id}/retry", null), HttpStatusCode.OK);
        Assert.Contains(retried["status"]!.GetValue<string>(), new[] { "pending", "noSubscriber" });
        for (var wait = 0; wait < 200 && !(await ListAsync("status=noSubscriber")).Any(m => m["id"]!.GetValue<string>() == id); wait++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(await ListAsync("status=noSubscriber"), m => m["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TenantB_CannotReadOrReferenceTenantAsRecords(TestDb engine)
    {
        var a = await AdminSession.StartAsync(hosts[engine]);
        var b = await AdminSession.StartAsync(hosts[engine]);
        await SeedAsync(a);

        await (await b.Client.GetAsync("/v1/admin/customers/cust-1")).AssertProblemAsync(404, "not_found");
        Assert.Empty((await AdminSession.ExpectAsync(await b.Client.GetAsync("/v1/admin/jobs"), HttpStatusCode.OK))["data"]!.AsArray());
        await (await Put(b, "locations", "loc-b", new { customerId = "cust-1", address = new { line1 = "x", city = "y", country = "US" } })).AssertProblemAsync(422, "unknown_reference");

        // The same external id in another tenant is another record.
        await AdminSession.ExpectAsync(await Put(b, "customers", "cust-1", new { kind = "commercial", name = "B's customer" }), HttpStatusCode.Created);
        Assert.Equal("Jane Homeowner", (await AdminSession.ExpectAsync(await a.Client.GetAsync("/v1/admin/customers/cust-1"), HttpStatusCode.OK))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task SyncEndpoints_NeedTheirScopes()
    {
        var readOnly = await AdminSession.StartAsync(Sqlite, scope: "customers:read");
        await (await Put(readOnly, "technicians", "t-1", new { displayName = "X" })).AssertProblemAsync(403, "insufficient_scope");
        Assert.Equal(HttpStatusCode.OK, (await readOnly.Client.GetAsync("/v1/admin/technicians")).StatusCode);

        var writer = await AdminSession.StartAsync(Sqlite, scope: "sync:write");
        await (await writer.Client.GetAsync("/v1/admin/technicians")).AssertProblemAsync(403, "insufficient_scope");
    }

    [Fact]
    public async Task ConcurrentPutsOfOneNewRecord_CreateItOnce()
    {
        var s = await AdminSession.StartAsync(Sqlite);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Put(s, "technicians", "tech-race", new { displayName = $"Racer {i}" })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single((await AdminSession.ExpectAsync(await s.Client.GetAsync("/v1/admin/technicians"), HttpStatusCode.OK))["data"]!.AsArray());
    }
}
