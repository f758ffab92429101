using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.PortalPaymentMethods;

/// <summary>
/// Saved payment methods over HTTP: when they can be used at all, and who may see which (billing access to the
/// customer; another customer's, a service-only customer's and another tenant's are 404).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SavedPaymentMethodTests(ApiHosts hosts)
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_WithoutOnlinePayments_Answer409PaymentsDisabled(TestDb engine)
    {
        var (_, portal, customers) = await SignedInAsync(hosts[engine], connectPayments: false);

        await (await portal.GetAsync("/v1/portal/payment-methods")).AssertProblemAsync(409, "payments_disabled");
        await (await portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = customers["mine"], type = "card" })).AssertProblemAsync(409, "payments_disabled");
        await (await portal.PostAsJsonAsync("/v1/portal/payment-methods", new { customerId = customers["mine"], setupIntentId = "seti_123" })).AssertProblemAsync(409, "payments_disabled");
        await (await portal.PostAsync($"/v1/portal/payment-methods/{Guid.NewGuid()}/make-primary", null)).AssertProblemAsync(409, "payments_disabled");
        await (await portal.DeleteAsync($"/v1/portal/payment-methods/{Guid.NewGuid()}")).AssertProblemAsync(409, "payments_disabled");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_WhenTheCompanyKeepsNoSavedMethods_Answer409SavedPaymentMethodsOff(TestDb engine)
    {
        var (t, portal, customers) = await SignedInAsync(hosts[engine]);
        await SetFeatureAsync(t, false);

        await (await portal.GetAsync("/v1/portal/payment-methods")).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = customers["mine"], type = "card" })).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await portal.GetAsync($"/v1/portal/payment-methods/{Guid.NewGuid()}")).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await portal.DeleteAsync($"/v1/portal/payment-methods/{Guid.NewGuid()}")).AssertProblemAsync(409, "saved_payment_methods_off");

        await SetFeatureAsync(t, true);
        Assert.Empty((await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/payment-methods"), HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_ForCustomersWithoutBillingAccess_Answer404(TestDb engine)
    {
        var (_, portal, customers) = await SignedInAsync(hosts[engine]);

        Assert.Empty((await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/payment-methods?customerId={customers["mine"]}"), HttpStatusCode.OK))["data"]!.AsArray());
        foreach (var other in new[] { customers["service"], customers["other"], customers["otherTenant"], Guid.NewGuid().ToString() })
        {
            await (await portal.GetAsync($"/v1/portal/payment-methods?customerId={other}")).AssertProblemAsync(404, "not_found");
            await (await portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = other, type = "card" })).AssertProblemAsync(404, "not_found");
            await (await portal.PostAsJsonAsync("/v1/portal/payment-methods", new { customerId = other, setupIntentId = "seti_1QbXk2LkdIwHu7ix" })).AssertProblemAsync(404, "not_found");
        }

        var unknown = Guid.NewGuid();
        await (await portal.GetAsync($"/v1/portal/payment-methods/{unknown}")).AssertProblemAsync(404, "not_found");
        await (await portal.PostAsync($"/v1/portal/payment-methods/{unknown}/make-primary", null)).AssertProblemAsync(404, "not_found");
        await (await portal.DeleteAsync($"/v1/portal/payment-methods/{unknown}")).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SetupAndAttach_CheckTheirBodies(TestDb engine)
    {
        var (_, portal, customers) = await SignedInAsync(hosts[engine]);

        var setup = await (await portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { type = "paypal" })).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(setup["errors"]!["customerId"]);
        Assert.NotNull(setup["errors"]!["type"]);
        var attach = await (await portal.PostAsJsonAsync("/v1/portal/payment-methods", new { customerId = customers["mine"], setupIntentId = "pm_123" })).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(attach["errors"]!["setupIntentId"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task History_OfAnUnknownCustomerIs404_AndOfACustomerWithoutChangesIsEmpty(TestDb engine)
    {
        var (t, _, _) = await SignedInAsync(hosts[engine]);

        await (await t.Admin.Client.GetAsync("/v1/admin/customers/nobody/payment-method-history")).AssertProblemAsync(404, "not_found");
        var page = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/customers/mine/payment-method-history"), HttpStatusCode.OK);
        Assert.Empty(page["data"]!.AsArray());
        Assert.False(page["hasMore"]!.GetValue<bool>());
        await (await t.Admin.Client.GetAsync("/v1/admin/customers/mine/payment-method-history?limit=0")).AssertProblemAsync(400, "validation_failed");
    }

    /// <summary>
    /// A tenant with customers "mine" (billing), "service" (service only) and "other" (not the user's), another tenant
    /// where the same email is a contact of its "mine", and the user signed in to the first tenant. Answers the portal
    /// client and the customers' portal ids.
    /// </summary>
    internal static async Task<(PortalTenant Tenant, HttpClient Portal, Dictionary<string, string> Customers)> SignedInAsync(ApiFactory factory, bool connectPayments = true)
    {
        var t = await PortalTenant.CreateAsync(factory);
        var b = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("mine", "Pat Thompson");
        await t.CustomerAsync("service", "Riverside Veterinary Clinic");
        await t.CustomerAsync("other", "Someone Else");
        await b.CustomerAsync("mine", "Pat Thompson");
        var email = PortalTenant.UniqueEmail("saved");
        await t.ContactAsync("con-mine", "mine", email);
        await t.ContactAsync("con-service", "service", email, accessLevel: "serviceOnly");
        await b.ContactAsync("con-mine", "mine", email);
        if (connectPayments)
        {
            await ConnectPaymentsAsync(t);
            await ConnectPaymentsAsync(b);
        }

        var portal = t.Portal((await t.InviteAndAcceptAsync("con-mine", email))["accessToken"]!.GetValue<string>());
        var customers = new Dictionary<string, string>
        {
            ["mine"] = await CustomerIdAsync(t, "mine"),
            ["service"] = await CustomerIdAsync(t, "service"),
            ["other"] = await CustomerIdAsync(t, "other"),
            ["otherTenant"] = await CustomerIdAsync(b, "mine"),
        };
        return (t, portal, customers);
    }

    /// <summary>Connects a Stripe account and switches online payments on.</summary>
    internal static async Task ConnectPaymentsAsync(PortalTenant t, string? accountId = null)
    {
        accountId ??= "acct_" + Guid.NewGuid().ToString("N")[..16];
        await AdminSession.ExpectAsync(await t.Admin.Client.PutAsJsonAsync("/v1/admin/payment-account", new { accountId }), HttpStatusCode.OK);
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["onlinePayments"]!["enabled"] = true;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    internal static async Task SetFeatureAsync(PortalTenant t, bool on)
    {
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["features"]!["savedPaymentMethods"] = on;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    internal static async Task<string> CustomerIdAsync(PortalTenant t, string externalId) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/customers/{externalId}"), HttpStatusCode.OK))["id"]!.GetValue<string>();
}
