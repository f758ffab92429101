using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.PortalPaymentMethods;

/// <summary>
/// One API host per engine, each against its own fake Stripe that delivers events only when a test re-sends them, so
/// whether the portal or Stripe's notification saved a method is up to the test.
/// </summary>
public sealed class SavedMethodHosts() : StripeHosts(o => o.DeliverEventsAutomatically = false);

/// <summary>
/// A tenant taking payments with four customers: "mine" and "mine2" (the user's, billing), "service" (the user's,
/// service only; billing for a second user) and "other" (the second user's only), invoices on "mine"; and another
/// tenant with a user of its own "mine".
/// </summary>
internal sealed class SavedMethodTenant
{
    private SavedMethodTenant(PortalTenant tenant, string accountId, FakeStripeServer stripe)
    {
        Tenant = tenant;
        AccountId = accountId;
        Stripe = stripe;
    }

    public PortalTenant Tenant { get; }

    public string AccountId { get; }

    public FakeStripeServer Stripe { get; }

    public HttpClient Admin => Tenant.Admin.Client;

    /// <summary>The user: billing on mine and mine2, service only on service.</summary>
    public HttpClient Portal { get; private set; } = null!;

    public string UserEmail { get; private set; } = null!;

    /// <summary>A second user: billing on service and other.</summary>
    public HttpClient SecondPortal { get; private set; } = null!;

    /// <summary>A user of the other tenant.</summary>
    public HttpClient OtherTenantPortal { get; private set; } = null!;

    /// <summary>Portal ids by external id; "otherTenant" is the other tenant's "mine".</summary>
    public Dictionary<string, string> Customers { get; } = [];

    public string OtherTenantAccountId { get; private set; } = null!;

    public static async Task<SavedMethodTenant> CreateAsync(FakeStripeFixture stripe, ApiFactory factory, bool connectPayments = true)
    {
        var t = await PortalTenant.CreateAsync(factory);
        var b = await PortalTenant.CreateAsync(factory);
        var accountId = NewAccountId();
        var otherAccountId = NewAccountId();
        if (connectPayments)
        {
            await ConnectPaymentsAsync(t, accountId);
            await ConnectPaymentsAsync(b, otherAccountId);
        }

        await t.CustomerAsync("mine", "Pat Thompson");
        await t.CustomerAsync("mine2", "Kowalski Rental");
        await t.CustomerAsync("service", "Riverside Veterinary Clinic");
        await t.CustomerAsync("other", "Carter Family");
        await b.CustomerAsync("mine", "Pat Thompson");
        await Payments.PaymentTenant.InvoiceAsync(t, "inv-1", "INV-1", "mine", 20_000);
        await Payments.PaymentTenant.InvoiceAsync(t, "inv-2", "INV-2", "mine", 8_000);

        var email = PortalTenant.UniqueEmail("saved");
        var second = PortalTenant.UniqueEmail("second");
        await t.ContactAsync("con-mine", "mine", email);
        await t.ContactAsync("con-mine2", "mine2", email);
        await t.ContactAsync("con-service", "service", email, accessLevel: "serviceOnly");
        await t.ContactAsync("con-service-2", "service", second);
        await t.ContactAsync("con-other", "other", second);
        var otherTenantEmail = PortalTenant.UniqueEmail("elsewhere");
        await b.ContactAsync("con-mine", "mine", otherTenantEmail);

        var tenant = new SavedMethodTenant(t, accountId, stripe.Server)
        {
            UserEmail = email,
            OtherTenantAccountId = otherAccountId,
            Portal = t.Portal(await AccessTokenAsync(t, "con-mine", email)),
            SecondPortal = t.Portal(await AccessTokenAsync(t, "con-service-2", second)),
            OtherTenantPortal = b.Portal(await AccessTokenAsync(b, "con-mine", otherTenantEmail)),
        };
        foreach (var id in new[] { "mine", "mine2", "service", "other" })
        {
            tenant.Customers[id] = await CustomerIdAsync(t, id);
        }

        tenant.Customers["otherTenant"] = await CustomerIdAsync(b, "mine");
        return tenant;
    }

    public static string NewAccountId() => "acct_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Connects a Stripe account and switches online payments on.</summary>
    public static async Task ConnectPaymentsAsync(PortalTenant t, string accountId)
    {
        await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync("/v1/admin/payment-account", new { accountId }), HttpStatusCode.OK);
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["onlinePayments"]!["enabled"] = true;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    public async Task SetFeatureAsync(bool on)
    {
        var (settings, etag) = await Tenant.Admin.GetSettingsAsync();
        settings["features"]!["savedPaymentMethods"] = on;
        await AdminSession.ExpectAsync(await Tenant.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    /// <summary>POST /v1/portal/payment-methods/setup, expecting 200.</summary>
    public async Task<JsonNode> SetUpAsync(string customer, string type = "card", HttpClient? portal = null) =>
        await AdminSession.ExpectAsync(
            await (portal ?? Portal).PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = Customers[customer], type }), HttpStatusCode.OK);

    /// <summary>What Stripe.js does in the browser with the customer's card or bank account: confirms the SetupIntent.</summary>
    public async Task<JsonObject> ConfirmInBrowserAsync(string setupIntentId, string paymentMethod, string? accountId = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Stripe.BaseUrl}/v1/setup_intents/{setupIntentId}/confirm")
        {
            Content = new FormUrlEncodedContent([new("payment_method", paymentMethod)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Stripe.SecretKey);
        request.Headers.Add("Stripe-Account", accountId ?? AccountId);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public Task<HttpResponseMessage> AttachAsync(string customer, string setupIntentId, HttpClient? portal = null) =>
        (portal ?? Portal).PostAsJsonAsync("/v1/portal/payment-methods", new { customerId = Customers[customer], setupIntentId });

    /// <summary>Setup, confirmation in the browser and attach: the saved method (201).</summary>
    public async Task<JsonNode> SaveAsync(string customer, string paymentMethod = FakeStripeTestPaymentMethods.Visa, HttpClient? portal = null, string? accountId = null)
    {
        var type = paymentMethod.StartsWith("pm_usBankAccount", StringComparison.Ordinal) ? "usBankAccount" : "card";
        var setup = await SetUpAsync(customer, type, portal);
        var setupIntentId = setup["setupIntentId"]!.GetValue<string>();
        var confirmed = await ConfirmInBrowserAsync(setupIntentId, paymentMethod, accountId);
        Assert.Equal("succeeded", confirmed["status"]!.GetValue<string>());
        return await AdminSession.ExpectAsync(await AttachAsync(customer, setupIntentId, portal), HttpStatusCode.Created);
    }

    public async Task<JsonArray> ListAsync(string? customer = null, HttpClient? portal = null) =>
        (await AdminSession.ExpectAsync(
            await (portal ?? Portal).GetAsync("/v1/portal/payment-methods" + (customer is null ? "" : $"?customerId={Customers[customer]}")), HttpStatusCode.OK))["data"]!.AsArray();

    public async Task<JsonArray> HistoryAsync(string customerExternalId, string query = "") =>
        (await AdminSession.ExpectAsync(await Admin.GetAsync($"/v1/admin/customers/{customerExternalId}/payment-method-history{query}"), HttpStatusCode.OK))["data"]!.AsArray();

    private static async Task<string> AccessTokenAsync(PortalTenant t, string contactId, string email) =>
        (await t.InviteAndAcceptAsync(contactId, email))["accessToken"]!.GetValue<string>();

    private static async Task<string> CustomerIdAsync(PortalTenant t, string externalId) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/customers/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<string>();
}
