using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>Direct payment links (PRODUCT.md#direct-links): the office makes and revokes them; their holder sees one invoice without an account.</summary>
[Collection(ApiCollection.Payments)]
public sealed class PaymentLinkTests(ApiHosts hosts)
{
    /// <summary>A tenant with the portal on, customer cust-a, and invoice inv-a (INV-100, $200.00 with $150.00 due, job J-1 with internal notes).</summary>
    private static async Task<PortalTenant> SeedAsync(ApiFactory factory)
    {
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("cust-a", "Avery Household");
        await SyncAsync(t.Admin, "locations", "loc-a", new { customerId = "cust-a", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await SyncAsync(t.Admin, "jobs", "job-a", new { number = "J-1", customerId = "cust-a", locationId = "loc-a", summary = "AC not cooling", internalNotes = "Dog in yard" });
        await SyncAsync(t.Admin, "invoices", "inv-a", Invoice("INV-100", "cust-a", 20_000, 15_000, dueDate: "2026-12-10", jobId: "job-a"));
        return t;
    }

    private static Task<HttpResponseMessage> CreateAsync(PortalTenant t, string invoice, object? body = null) =>
        t.Admin.Client.PostAsJsonAsync($"/v1/admin/invoices/{invoice}/payment-links", body ?? new { });

    private static async Task<JsonNode> OpenAsync(PortalTenant t, string token) =>
        await AdminSession.ExpectAsync(await t.Portal().GetAsync($"/v1/public/payment-links/{Uri.EscapeDataString(token)}"), HttpStatusCode.OK);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_ThenOpen_ShowsTheOneInvoiceWithTheCompanyAndWhetherItCanBePaid(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine]);

        var response = await CreateAsync(t, "inv-a", new { expiresInDays = 7 });
        var created = await AdminSession.ExpectAsync(response, HttpStatusCode.Created);
        var token = created["token"]!.GetValue<string>();
        Assert.StartsWith("pay_", token, StringComparison.Ordinal);
        Assert.Equal($"https://{t.Admin.HostName}.portal.example.com/pay?token={token}", created["url"]!.GetValue<string>());
        Assert.Equal("inv-a", created["invoiceExternalId"]!.GetValue<string>());
        Assert.Equal((await GetAsync(t.Admin, "invoices", "inv-a"))["id"]!.GetValue<Guid>(), created["invoiceId"]!.GetValue<Guid>());
        var expiresAt = created["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromDays(7), expiresAt - created["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal($"/v1/admin/payment-links/{created["id"]}", response.Headers.Location!.OriginalString);

        var view = await OpenAsync(t, token);
        var invoice = view["invoice"]!;
        Assert.Equal("INV-100", invoice["number"]!.GetValue<string>());
        Assert.Equal("open", invoice["status"]!.GetValue<string>());
        Assert.Equal("2026-12-10", invoice["dueDate"]!.GetValue<string>());
        Assert.Equal(15_000, invoice["balance"]!["amount"]!.GetValue<long>());
        Assert.Equal(5_000, invoice["amountPaid"]!["amount"]!.GetValue<long>());
        Assert.Equal("Service call", invoice["lines"]![0]!["description"]!.GetValue<string>());
        Assert.Equal("CHK-7", invoice["payments"]![0]!["reference"]!.GetValue<string>());
        Assert.Equal("Avery Household", invoice["billTo"]!["name"]!.GetValue<string>());
        Assert.Equal("J-1", invoice["job"]!["number"]!.GetValue<string>());
        Assert.Equal($"Admin Test {t.Admin.HostName}", view["company"]!["displayName"]!.GetValue<string>());
        Assert.Equal(expiresAt, view["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.False(invoice["payment"]!["payable"]!.GetValue<bool>());
        Assert.Equal("payments_disabled", invoice["payment"]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain("Dog in yard", view.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("savedPaymentMethods", view.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        await EnableOnlinePaymentsAsync(t, partialPayments: true);
        var payable = (await OpenAsync(t, token))["invoice"]!["payment"]!;
        Assert.True(payable["payable"]!.GetValue<bool>());
        Assert.True(payable["partialPaymentsAllowed"]!.GetValue<bool>());
        Assert.Equal(50, payable["minimumAmount"]!["amount"]!.GetValue<long>());

        // Opening it again works (links are not single use); the office sees the visit, never the token.
        await OpenAsync(t, token);
        var listed = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/invoices/inv-a/payment-links"), HttpStatusCode.OK);
        var link = Assert.Single(listed["data"]!.AsArray())!;
        Assert.Equal("active", link["status"]!.GetValue<string>());
        Assert.Equal(t.Admin.ClientId, link["createdBy"]!.GetValue<string>());
        Assert.NotNull(link["lastViewedAt"]);
        Assert.DoesNotContain(token, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token", listed.ToJsonString(), StringComparison.Ordinal);
        var one = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/payment-links/{created["id"]}"), HttpStatusCode.OK);
        Assert.Equal("active", one["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_WithoutABody_WorksTheDefaultThirtyDays_AndIsAudited(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine]);

        var created = await AdminSession.ExpectAsync(await t.Admin.Client.PostAsync("/v1/admin/invoices/inv-a/payment-links", null), HttpStatusCode.Created);
        Assert.Equal(TimeSpan.FromDays(30), created["expiresAt"]!.GetValue<DateTimeOffset>() - created["createdAt"]!.GetValue<DateTimeOffset>());
        var revoked = await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync($"/v1/admin/payment-links/{created["id"]}"), HttpStatusCode.OK);
        Assert.Equal("revoked", revoked["status"]!.GetValue<string>());

        var audit = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/audit-events?target=invoice:inv-a"), HttpStatusCode.OK))["data"]!.AsArray();
        Assert.Equal(["payment_link.revoked", "payment_link.created"], audit.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(audit, e => Assert.Equal(t.Admin.ClientId, e!["actor"]!.GetValue<string>()));
        Assert.DoesNotContain(created["token"]!.GetValue<string>(), audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Create_ForAnUnknownRemovedPaidOrAnotherTenantsInvoice_OrWithABadLifetime_IsRefused(TestDb engine)
    {
        var t = await SeedAsync(hosts[engine]);
        await SyncAsync(t.Admin, "invoices", "inv-paid", Invoice("INV-101", "cust-a", 9_000, 9_000));
        await SyncAsync(t.Admin, "invoices", "inv-paid", Invoice("INV-101", "cust-a", 9_000, 0));
        await SyncAsync(t.Admin, "invoices", "inv-gone", Invoice("INV-102", "cust-a", 9_000, 9_000));
        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync("/v1/admin/invoices/inv-gone"), HttpStatusCode.OK);
        var other = await SeedAsync(hosts[engine]);
        await SyncAsync(other.Admin, "invoices", "inv-theirs", Invoice("INV-900", "cust-a", 9_000, 9_000));

        await (await CreateAsync(t, "inv-unknown")).AssertProblemAsync(404, "not_found");
        await (await CreateAsync(t, "inv-gone")).AssertProblemAsync(404, "not_found");
        await (await CreateAsync(t, "inv-theirs")).AssertProblemAsync(404, "not_found");
        await (await CreateAsync(t, "inv-paid")).AssertProblemAsync(422, "nothing_due");
        foreach (var days in new[] { 0, -1, 91 })
        {
            var problem = await (await CreateAsync(t, "inv-a", new { expiresInDays = days })).AssertProblemAsync(400, "validation_failed");
            Assert.Equal(["expiresInDays must be between 1 and 90."], problem.FieldErrors("expiresInDays"));
        }

        await (await t.Admin.Client.GetAsync("/v1/admin/invoices/inv-theirs/payment-links")).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.GetAsync("/v1/admin/invoices/inv-unknown/payment-links")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Open_WhenUnknownExpiredRevokedAnotherTenantsOrItsInvoiceWasRemoved_IsTheSameNotFound(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await SeedAsync(factory);
        var invoice = await GetAsync(t.Admin, "invoices", "inv-a");
        var invoiceId = invoice["id"]!.GetValue<Guid>();
        var expired = await InsertLinkAsync(factory, t.Admin.TenantId, invoiceId, "inv-a", DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromDays(2));
        var revoked = await AdminSession.ExpectAsync(await CreateAsync(t, "inv-a"), HttpStatusCode.Created);
        var active = (await AdminSession.ExpectAsync(await CreateAsync(t, "inv-a"), HttpStatusCode.Created))["token"]!.GetValue<string>();
        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync($"/v1/admin/payment-links/{revoked["id"]}"), HttpStatusCode.OK);
        var again = await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync($"/v1/admin/payment-links/{revoked["id"]}"), HttpStatusCode.OK);
        Assert.Equal("revoked", again["status"]!.GetValue<string>());

        var other = await SeedAsync(factory);
        var theirs = await AdminSession.ExpectAsync(await CreateAsync(other, "inv-a"), HttpStatusCode.Created);

        // Still works, until its invoice is removed.
        await OpenAsync(t, active);
        var statuses = (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/invoices/inv-a/payment-links"), HttpStatusCode.OK))["data"]!.AsArray()
            .Select(l => l!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["active", "revoked", "expired"], statuses);

        var tokens = new[] { expired, revoked["token"]!.GetValue<string>(), theirs["token"]!.GetValue<string>(), "pay_" + new string('A', 43), "not-a-token", new string('x', 500) };
        foreach (var token in tokens)
        {
            await (await t.Portal().GetAsync($"/v1/public/payment-links/{token}")).AssertProblemAsync(404, "not_found");
        }

        await AdminSession.ExpectAsync(await t.Admin.Client.DeleteAsync("/v1/admin/invoices/inv-a"), HttpStatusCode.OK);
        await (await t.Portal().GetAsync($"/v1/public/payment-links/{active}")).AssertProblemAsync(404, "not_found");

        // The other company still opens its own link with its own key; its link is not ours to see or revoke.
        Assert.Equal("INV-100", (await OpenAsync(other, theirs["token"]!.GetValue<string>()))["invoice"]!["number"]!.GetValue<string>());
        await (await t.Admin.Client.GetAsync($"/v1/admin/payment-links/{theirs["id"]}")).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.DeleteAsync($"/v1/admin/payment-links/{theirs["id"]}")).AssertProblemAsync(404, "not_found");
        await (await t.Admin.Client.DeleteAsync($"/v1/admin/payment-links/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Links_NeedTheirScopes_AndTheOpenPortal(TestDb engine)
    {
        var factory = hosts[engine];
        var t = await SeedAsync(factory);
        var token = (await AdminSession.ExpectAsync(await CreateAsync(t, "inv-a"), HttpStatusCode.Created))["token"]!.GetValue<string>();

        // An integration client reads payments but does not write them.
        var secret = await AdminSession.ExpectAsync(
            await factory.CreatePlatformClient().PostAsJsonAsync($"/v1/platform/tenants/{t.Admin.TenantId}/api-clients", new { name = "Sync", role = "integration" }), HttpStatusCode.Created);
        var integration = factory.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", await AdminSession.TokenAsync(factory, secret["clientId"]!.GetValue<string>(), secret["clientSecret"]!.GetValue<string>()));
        await AdminSession.ExpectAsync(await integration.GetAsync("/v1/admin/invoices/inv-a/payment-links"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.PostAsJsonAsync("/v1/admin/invoices/inv-a/payment-links", new { })).StatusCode);

        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["enabled"] = false;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        await (await t.Portal().GetAsync($"/v1/public/payment-links/{token}")).AssertProblemAsync(403, "portal_not_available");
    }
}
