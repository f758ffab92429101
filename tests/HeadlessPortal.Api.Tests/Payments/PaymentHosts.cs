using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>One API host per engine, each paying against its own fake Stripe (events delivered automatically); a test may name its client's address.</summary>
public sealed class PaymentHosts() : StripeHosts(services: s => s.AddSingleton<IStartupFilter>(new TestClientAddress()));

/// <summary>
/// A tenant taking payments: a connected account, online payments on, and three customers — A (the user's, billing),
/// B (the user's, service only), C (someone else's) — with invoices; job-a is invoiced by inv-a1.
/// </summary>
internal sealed class PaymentTenant
{
    private PaymentTenant(PortalTenant tenant, string accountId, HttpClient portal, FakeStripeServer stripe)
    {
        Tenant = tenant;
        AccountId = accountId;
        Portal = portal;
        Stripe = stripe;
    }

    public PortalTenant Tenant { get; }

    public string AccountId { get; }

    public HttpClient Portal { get; }

    public FakeStripeServer Stripe { get; }

    public HttpClient Admin => Tenant.Admin.Client;

    /// <summary>The portal user's name on their contacts.</summary>
    public const string UserName = "Pat Thompson";

    public string UserEmail { get; private set; } = null!;

    public static async Task<PaymentTenant> CreateAsync(FakeStripeFixture stripe, ApiFactory factory, bool partialPayments = true, long balance = 20_000)
    {
        var t = await PortalTenant.CreateAsync(factory);
        var accountId = "acct_" + Guid.NewGuid().ToString("N")[..20];
        await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync("/v1/admin/payment-account", new { accountId }), HttpStatusCode.OK);
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["onlinePayments"]!["enabled"] = true;
        settings["features"]!["partialPayments"] = partialPayments;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);

        await t.CustomerAsync("cust-a", "Avery Household");
        await t.CustomerAsync("cust-b", "Birch Rentals");
        await t.CustomerAsync("cust-c", "Carter Family");
        await PutAsync(t, "locations", "loc-a", new { customerId = "cust-a", name = "Home", address = new { line1 = "1 Main St", city = "Springfield", region = "IL", country = "US" } });
        await PutAsync(t, "job-types", "jt-1", new { name = "AC repair" });
        await PutAsync(t, "jobs", "job-a", new { number = "J-A", customerId = "cust-a", locationId = "loc-a", jobTypeId = "jt-1", summary = "AC not cooling" });
        await InvoiceAsync(t, "inv-a1", "A-1", "cust-a", balance, "job-a");
        await InvoiceAsync(t, "inv-a2", "A-2", "cust-a", 8_000);
        await InvoiceAsync(t, "inv-b", "B-1", "cust-b", 5_000);
        await InvoiceAsync(t, "inv-c", "C-1", "cust-c", 5_000);

        // Pat pays the Avery household's bills: the person paying is not the customer billed.
        var email = PortalTenant.UniqueEmail("pat");
        await t.ContactAsync("con-a", "cust-a", email, name: UserName);
        await t.ContactAsync("con-b", "cust-b", email, "serviceOnly", UserName);
        var tokens = await t.InviteAndAcceptAsync("con-a", email);
        return new PaymentTenant(t, accountId, t.Portal(tokens["accessToken"]!.GetValue<string>()), stripe.Server) { UserEmail = email };
    }

    public static object Money(long amount) => new { amount, currency = "usd" };

    public static async Task InvoiceAsync(PortalTenant t, string id, string number, string billTo, long balance, string? jobId = null) =>
        await PutAsync(t, "invoices", id, new
        {
            number, billToCustomerId = billTo, jobId, issueDate = "2026-11-10",
            lines = new[] { new { description = "Service call", quantity = 1m, unitPrice = Money(balance), amount = Money(balance) } },
            subtotal = Money(balance), tax = Money(0), total = Money(balance), balance = Money(balance), summary = "Replaced capacitor",
        });

    public static async Task PutAsync(PortalTenant t, string resource, string id, object body)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", body);
        Assert.True(response.IsSuccessStatusCode, $"{resource}/{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<Guid> InvoiceIdAsync(string externalId) =>
        (await AdminSession.ExpectAsync(await Admin.GetAsync($"/v1/admin/invoices/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<Guid>();

    public async Task<long> BalanceAsync(string externalId) =>
        (await AdminSession.ExpectAsync(await Admin.GetAsync($"/v1/admin/invoices/{externalId}"), HttpStatusCode.OK))["balance"]!["amount"]!.GetValue<long>();

    public static object Card(string pm) => new { type = "card", paymentMethodId = pm };

    public static object Bank(string pm = FakeStripeTestPaymentMethods.UsBankAccount) => new { type = "usBankAccount", paymentMethodId = pm, achAuthorization = new { accepted = true } };

    public async Task<HttpResponseMessage> PayAsync(object body, string? key = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portal/payments") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await (client ?? Portal).SendAsync(request);
    }

    public async Task<JsonNode> PayAsync(string invoice, long amount, object method, HttpStatusCode expected = HttpStatusCode.Created) =>
        await AdminSession.ExpectAsync(
            await PayAsync(new { allocations = new[] { new { invoiceId = await InvoiceIdAsync(invoice), amount } }, paymentMethod = method }, Guid.NewGuid().ToString()),
            expected);

    public async Task<JsonNode> PaymentAsync(Guid id) => await AdminSession.ExpectAsync(await Portal.GetAsync($"/v1/portal/payments/{id}"), HttpStatusCode.OK);

    /// <summary>Polls the payment until it has <paramref name="status"/> (webhooks arrive on their own schedule).</summary>
    public async Task<JsonNode> WaitForStatusAsync(Guid id, string status)
    {
        // Up to 15 s: the status moves through the fake's webhook, which a busy machine delivers late.
        for (var i = 0; i < 300; i++)
        {
            var payment = await PaymentAsync(id);
            if (payment["status"]!.GetValue<string>() == status)
            {
                return payment;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"payment {id} never became {status}: {await PaymentAsync(id)}");
        return null!;
    }

    public async Task<JsonArray> OutboxAsync(string type) =>
        (await AdminSession.ExpectAsync(await Admin.GetAsync($"/v1/admin/outbox?type={type}&limit=100"), HttpStatusCode.OK))["data"]!.AsArray();
}
