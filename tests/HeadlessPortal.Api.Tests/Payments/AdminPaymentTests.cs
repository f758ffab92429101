using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.TestSupport;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>The office's payment views: the payments list with its filters and pages, one payment, and a job's audit trail.</summary>
[Collection(ApiCollection.Payments)]
public sealed class AdminPaymentTests(ApiHosts hosts)
{
    private sealed record Seeded(PortalTenant Tenant, Payment Paid, Payment Failed, Payment ByLink);

    /// <summary>
    /// Customers cust-a (invoices inv-1, inv-2) and cust-b (inv-3). Payments, oldest first: inv-1 by card, succeeded;
    /// inv-1 and inv-2 by bank debit, failed; inv-3 through a payment link, pending.
    /// </summary>
    private static async Task<Seeded> SeedAsync(ApiFactory factory)
    {
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await SyncAsync(t.Admin, "invoices", "inv-1", Invoice("INV-1", "cust-a", 10_000, 10_000));
        await SyncAsync(t.Admin, "invoices", "inv-2", Invoice("INV-2", "cust-a", 5_000, 5_000));
        await SyncAsync(t.Admin, "invoices", "inv-3", Invoice("INV-3", "cust-b", 7_000, 7_000));
        var (a, b) = ((await GetAsync(t.Admin, "customers", "cust-a"))["id"]!.GetValue<Guid>(), (await GetAsync(t.Admin, "customers", "cust-b"))["id"]!.GetValue<Guid>());
        var (inv1, inv2, inv3) = (await GetAsync(t.Admin, "invoices", "inv-1"), await GetAsync(t.Admin, "invoices", "inv-2"), await GetAsync(t.Admin, "invoices", "inv-3"));
        var link = (await AdminSession.ExpectAsync(await t.Admin.Client.PostAsJsonAsync("/v1/admin/invoices/inv-3/payment-links", new { }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var paid = await InsertPaymentAsync(factory, t.Admin.TenantId, a, [Allocation(inv1, 4_000)], PaymentStatus.Succeeded);
        await Task.Delay(5);
        var failed = await InsertPaymentAsync(factory, t.Admin.TenantId, a, [Allocation(inv1, 6_000), Allocation(inv2, 5_000)], PaymentStatus.Failed, PaymentMethodKind.UsBankAccount);
        await Task.Delay(5);
        var byLink = await InsertPaymentAsync(factory, t.Admin.TenantId, b, [Allocation(inv3, 7_000)], PaymentStatus.Pending, channel: PaymentChannel.PaymentLink, paymentLinkId: link);
        return new Seeded(t, paid, failed, byLink);
    }

    private static async Task<JsonNode> ListAsync(AdminSession admin, string query = "") =>
        await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/payments" + query), HttpStatusCode.OK);

    private static List<Guid> Ids(JsonNode page) => page["data"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).ToList();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Payments_ListNewestFirst_InPages_WithEverythingTheOfficeNeeds(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var admin = s.Tenant.Admin;

        var all = await ListAsync(admin);
        Assert.Equal([s.ByLink.Id, s.Failed.Id, s.Paid.Id], Ids(all));

        var first = await ListAsync(admin, "?limit=2");
        Assert.Equal([s.ByLink.Id, s.Failed.Id], Ids(first));
        Assert.True(first["hasMore"]!.GetValue<bool>());
        var second = await ListAsync(admin, $"?limit=2&after={first["nextCursor"]}");
        Assert.Equal([s.Paid.Id], Ids(second));
        Assert.False(second["hasMore"]!.GetValue<bool>());

        var failed = all["data"]![1]!;
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal(11_000, failed["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal("usd", failed["amount"]!["currency"]!.GetValue<string>());
        Assert.Equal("usBankAccount", failed["method"]!.GetValue<string>());
        Assert.Equal("portal", failed["channel"]!.GetValue<string>());
        Assert.Equal("cust-a", failed["customer"]!["externalId"]!.GetValue<string>());
        Assert.Equal("Avery Household", failed["customer"]!["name"]!.GetValue<string>());
        Assert.Equal(["INV-1", "INV-2"], failed["allocations"]!.AsArray().Select(a => a!["invoiceNumber"]!.GetValue<string>()));
        Assert.Equal("inv-2", failed["allocations"]![1]!["invoiceExternalId"]!.GetValue<string>());
        Assert.Equal(5_000, failed["allocations"]![1]!["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal("card_declined", failed["failure"]!["code"]!.GetValue<string>());
        Assert.Equal("insufficient_funds", failed["failure"]!["declineCode"]!.GetValue<string>());
        Assert.Equal("203.0.113.7", failed["achAuthorization"]!["ipAddress"]!.GetValue<string>());
        Assert.StartsWith("pi_", failed["providerPaymentIntentId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(failed["completedAt"]);

        var byLink = all["data"]![0]!;
        Assert.Equal("paymentLink", byLink["channel"]!.GetValue<string>());
        Assert.Equal(s.ByLink.PaymentLinkId, byLink["paymentLinkId"]!.GetValue<Guid>());
        Assert.Equal("pending", byLink["status"]!.GetValue<string>());
        Assert.Null(byLink["completedAt"]);
        Assert.Null(byLink["failure"]);
        Assert.Null(byLink["achAuthorization"]);

        var one = await AdminSession.ExpectAsync(await admin.Client.GetAsync($"/v1/admin/payments/{s.Failed.Id}"), HttpStatusCode.OK);
        Assert.Equal(failed.ToJsonString(), one.ToJsonString());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Payments_FilterByStatusCustomerInvoiceAndCreationTime(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var admin = s.Tenant.Admin;

        Assert.Equal([s.Failed.Id], Ids(await ListAsync(admin, "?status=failed")));
        Assert.Equal([s.ByLink.Id], Ids(await ListAsync(admin, "?status=pending")));
        Assert.Empty(Ids(await ListAsync(admin, "?status=requiresAction")));
        Assert.Equal([s.Failed.Id, s.Paid.Id], Ids(await ListAsync(admin, "?customerId=cust-a")));
        Assert.Equal([s.Paid.Id], Ids(await ListAsync(admin, "?customerId=cust-a&status=succeeded")));
        Assert.Empty(Ids(await ListAsync(admin, "?customerId=cust-unknown")));

        Assert.Equal([s.Failed.Id, s.Paid.Id], Ids(await ListAsync(admin, "?invoiceId=inv-1")));
        Assert.Equal([s.Failed.Id], Ids(await ListAsync(admin, "?invoiceId=inv-2")));
        Assert.Equal([s.ByLink.Id], Ids(await ListAsync(admin, "?invoiceId=inv-3&customerId=cust-b")));
        Assert.Empty(Ids(await ListAsync(admin, "?invoiceId=inv-3&customerId=cust-a")));
        Assert.Empty(Ids(await ListAsync(admin, "?invoiceId=inv-unknown")));
        var page = await ListAsync(admin, "?invoiceId=inv-1&limit=1");
        Assert.Equal([s.Failed.Id], Ids(page));
        Assert.Equal([s.Paid.Id], Ids(await ListAsync(admin, $"?invoiceId=inv-1&limit=1&after={page["nextCursor"]}")));

        string At(DateTimeOffset time) => Uri.EscapeDataString(time.ToOffset(TimeSpan.FromHours(-6)).ToString("O"));
        Assert.Equal([s.ByLink.Id, s.Failed.Id], Ids(await ListAsync(admin, $"?createdFrom={At(s.Failed.CreatedAt)}")));
        Assert.Equal([s.Paid.Id], Ids(await ListAsync(admin, $"?createdTo={At(s.Failed.CreatedAt)}")));
        Assert.Equal([s.Failed.Id], Ids(await ListAsync(admin, $"?createdFrom={At(s.Failed.CreatedAt)}&createdTo={At(s.ByLink.CreatedAt)}")));
        Assert.Empty(Ids(await ListAsync(admin, $"?createdFrom={At(s.ByLink.CreatedAt.AddDays(1))}")));
        Assert.Empty(Ids(await ListAsync(admin, $"?createdTo={At(s.Paid.CreatedAt.AddDays(-1))}")));

        var problem = await (await admin.Client.GetAsync("/v1/admin/payments?status=lost")).AssertProblemAsync(400, "validation_failed");
        Assert.Contains("requiresAction", Assert.Single(problem.FieldErrors("status")), StringComparison.Ordinal);
        await (await admin.Client.GetAsync($"/v1/admin/payments?createdFrom={At(s.ByLink.CreatedAt)}&createdTo={At(s.Paid.CreatedAt)}")).AssertProblemAsync(400, "validation_failed");
        await (await admin.Client.GetAsync("/v1/admin/payments?limit=101")).AssertProblemAsync(400, "validation_failed");
        await (await admin.Client.GetAsync("/v1/admin/payments?after=nope")).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Payments_OfAnotherTenant_AreNeitherListedNorFound(TestDb engine)
    {
        var s = await SeedAsync(hosts[engine]);
        var other = await PortalTenant.CreateAsync(hosts[engine]);
        await other.CustomerAsync("cust-a", "Avery Household");
        await SyncAsync(other.Admin, "invoices", "inv-1", Invoice("INV-1", "cust-a", 10_000, 10_000));

        Assert.Empty(Ids(await ListAsync(other.Admin)));
        Assert.Empty(Ids(await ListAsync(other.Admin, "?customerId=cust-a")));
        Assert.Empty(Ids(await ListAsync(other.Admin, "?invoiceId=inv-1")));
        await (await other.Admin.Client.GetAsync($"/v1/admin/payments/{s.Paid.Id}")).AssertProblemAsync(404, "not_found");
        await (await s.Tenant.Admin.Client.GetAsync($"/v1/admin/payments/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AuditTrail_ListsTheJobsEntriesNewestFirst_WithTheirDetails(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await SyncAsync(t.Admin, "locations", "loc-a", new { customerId = "cust-a", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await SyncAsync(t.Admin, "jobs", "job-1", new { number = "J-1", customerId = "cust-a", locationId = "loc-a" });
        await SyncAsync(t.Admin, "jobs", "job-2", new { number = "J-2", customerId = "cust-a", locationId = "loc-a" });
        var tenantId = t.Admin.TenantId;
        var failed = await InsertAuditEventAsync(factory, tenantId, "job:job-1", "payment.failed",
            """{"paymentId":"019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b","invoiceNumber":"INV-1","amount":4000,"currency":"usd","method":"card"}""");
        await InsertAuditEventAsync(factory, tenantId, "job:job-2", "payment.succeeded", """{"invoiceNumber":"INV-2"}""");
        await InsertAuditEventAsync(factory, tenantId, "invoice:inv-1", "payment_link.created", null);
        var succeeded = await InsertAuditEventAsync(factory, tenantId, "job:job-1", "payment.succeeded", """{"invoiceNumber":"INV-1","amount":4000}""");

        var trail = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-1/audit-trail"), HttpStatusCode.OK);
        var entries = trail["data"]!.AsArray();
        Assert.Equal([succeeded, failed], entries.Select(e => e!["id"]!.GetValue<Guid>()));
        Assert.Equal("payment.failed", entries[1]!["action"]!.GetValue<string>());
        Assert.Equal("system", entries[1]!["actor"]!.GetValue<string>());
        Assert.Equal("INV-1", entries[1]!["details"]!["invoiceNumber"]!.GetValue<string>());
        Assert.Equal(4000, entries[1]!["details"]!["amount"]!.GetValue<long>());
        Assert.NotNull(entries[1]!["occurredAt"]);

        var first = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-1/audit-trail?limit=1"), HttpStatusCode.OK);
        Assert.True(first["hasMore"]!.GetValue<bool>());
        var next = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/jobs/job-1/audit-trail?limit=1&after={first["nextCursor"]}"), HttpStatusCode.OK);
        Assert.Equal([failed], next["data"]!.AsArray().Select(e => e!["id"]!.GetValue<Guid>()));

        // A removed job keeps its trail; an unknown one, or another company's, is not found.
        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync("/v1/admin/jobs/job-1"), HttpStatusCode.OK);
        Assert.Equal(2, (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/jobs/job-1/audit-trail"), HttpStatusCode.OK))["data"]!.AsArray().Count);
        await (await t.Admin.Client.GetAsync("/v1/admin/jobs/job-unknown/audit-trail")).AssertProblemAsync(404, "not_found");
        var other = await PortalTenant.CreateAsync(factory);
        await (await other.Admin.Client.GetAsync("/v1/admin/jobs/job-1/audit-trail")).AssertProblemAsync(404, "not_found");
        await other.CustomerAsync("cust-a", "Avery Household");
        await SyncAsync(other.Admin, "locations", "loc-a", new { customerId = "cust-a", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await SyncAsync(other.Admin, "jobs", "job-1", new { number = "J-1", customerId = "cust-a", locationId = "loc-a" });
        Assert.Empty((await AdminSession.ExpectAsync(await other.Admin.Client.GetAsync("/v1/admin/jobs/job-1/audit-trail"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task OfficeViews_NeedTheirScopes(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await PortalTenant.CreateAsync(factory);
        var platform = factory.CreatePlatformClient();

        // An integration client has payments:read but not audit:read; a client narrowed to audit:read has no payments:read.
        var integration = await AdminSession.ExpectAsync(
            await platform.PostAsJsonAsync($"/v1/platform/tenants/{t.Admin.TenantId}/api-clients", new { name = "Sync", role = "integration" }), HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await AdminSession.TokenAsync(factory, integration["clientId"]!.GetValue<string>(), integration["clientSecret"]!.GetValue<string>()));
        await AdminSession.ExpectAsync(await client.GetAsync("/v1/admin/payments"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/admin/jobs/job-1/audit-trail")).StatusCode);

        var auditor = factory.CreateClient();
        auditor.DefaultRequestHeaders.Authorization = new("Bearer", await AdminSession.TokenAsync(factory, t.Admin.ClientId, t.Admin.ClientSecret, "audit:read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/v1/admin/payments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/v1/admin/payments/{Guid.NewGuid()}")).StatusCode);
    }
}
