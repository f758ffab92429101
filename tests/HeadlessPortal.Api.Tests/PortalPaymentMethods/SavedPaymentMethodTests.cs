using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.PortalPaymentMethods;

/// <summary>
/// Saved payment methods over HTTP against the fake Stripe: setting one up as a front end does (setup, Stripe.js
/// confirms, attach), listing, choosing the primary, removing, the office's history, Stripe's notification saving a
/// method, paying with one; when they can be used at all, and who may see which.
/// </summary>
public sealed class SavedPaymentMethodTests(SavedMethodHosts hosts) : IClassFixture<SavedMethodHosts>
{
    private Task<SavedMethodTenant> SeedAsync(TestDb engine, bool connectPayments = true) =>
        SavedMethodTenant.CreateAsync(hosts[engine].Stripe, hosts[engine].Factory, connectPayments);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SetUpConfirmAndAttach_SavesTheFirstCardAsPrimary(TestDb engine)
    {
        var s = await SeedAsync(engine);

        var setup = await s.SetUpAsync("mine");
        var setupIntentId = setup["setupIntentId"]!.GetValue<string>();
        Assert.StartsWith("seti_", setupIntentId);
        Assert.StartsWith(setupIntentId + "_secret_", setup["clientSecret"]!.GetValue<string>());
        Assert.Equal(s.AccountId, setup["stripe"]!["accountId"]!.GetValue<string>());

        // The provider customer, created once under a key derived from our customer id, on the company's account.
        var createCustomer = Assert.Single(s.Stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/customers" && r.StripeAccount == s.AccountId);
        Assert.Equal("customer-" + Guid.Parse(s.Customers["mine"]).ToString("N"), createCustomer.IdempotencyKey);
        Assert.Equal("Pat Thompson", createCustomer.Field("name"));
        var createSetup = Assert.Single(s.Stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/setup_intents" && r.StripeAccount == s.AccountId);
        Assert.Equal(["card"], createSetup.Fields("allowed_payment_method_types[0]"));
        Assert.Equal(s.Customers["mine"], createSetup.Field("metadata[customer_id]"));
        Assert.NotNull(createSetup.Field("metadata[tenant_id]"));

        // Before Stripe.js confirmed it, there is nothing to save.
        await (await s.AttachAsync("mine", setupIntentId)).AssertProblemAsync(409, "setup_intent_not_succeeded");

        await s.ConfirmInBrowserAsync(setupIntentId, FakeStripeTestPaymentMethods.Visa);
        var saved = await AdminSession.ExpectAsync(await s.AttachAsync("mine", setupIntentId), HttpStatusCode.Created);
        Assert.Equal(s.Customers["mine"], saved["customerId"]!.GetValue<string>());
        Assert.Equal("card", saved["type"]!.GetValue<string>());
        Assert.True(saved["isPrimary"]!.GetValue<bool>());
        Assert.Equal("Visa •••• 4242", saved["summary"]!.GetValue<string>());
        Assert.Equal("visa", saved["card"]!["brand"]!.GetValue<string>());
        Assert.Equal("4242", saved["card"]!["last4"]!.GetValue<string>());
        Assert.Equal(12, saved["card"]!["expMonth"]!.GetValue<int>());
        Assert.Equal(2034, saved["card"]!["expYear"]!.GetValue<int>());
        Assert.False(saved["card"]!["expired"]!.GetValue<bool>());
        Assert.Null(saved["bankAccount"]);

        // Sending it again answers the same method (the front end may retry).
        var again = await AdminSession.ExpectAsync(await s.AttachAsync("mine", setupIntentId), HttpStatusCode.OK);
        Assert.Equal(saved["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());

        var listed = Assert.Single(await s.ListAsync());
        Assert.Equal(saved["id"]!.GetValue<string>(), listed!["id"]!.GetValue<string>());
        Assert.Equal(saved["id"]!.GetValue<string>(), (await AdminSession.ExpectAsync(await s.Portal.GetAsync($"/v1/portal/payment-methods/{saved["id"]}"), HttpStatusCode.OK))["id"]!.GetValue<string>());
        Assert.Empty(await s.ListAsync("mine2"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MakePrimaryAndRemove_MoveThePrimary_DetachAtStripe_AndTheOfficeReadsEveryChange(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var visa = await s.SaveAsync("mine");
        var bank = await s.SaveAsync("mine", FakeStripeTestPaymentMethods.UsBankAccount);
        Assert.False(bank["isPrimary"]!.GetValue<bool>());
        Assert.Equal("STRIPE TEST BANK •••• 6789", bank["summary"]!.GetValue<string>());
        Assert.Equal("STRIPE TEST BANK", bank["bankAccount"]!["bankName"]!.GetValue<string>());
        Assert.Null(bank["card"]);
        var visaId = visa["id"]!.GetValue<string>();
        var bankId = bank["id"]!.GetValue<string>();

        // Primary first, then the most recently saved.
        Assert.Equal([visaId, bankId], (await s.ListAsync("mine")).Select(m => m!["id"]!.GetValue<string>()));

        var made = await AdminSession.ExpectAsync(await s.Portal.PostAsync($"/v1/portal/payment-methods/{bankId}/make-primary", null), HttpStatusCode.OK);
        Assert.True(made["isPrimary"]!.GetValue<bool>());
        var list = await s.ListAsync("mine");
        Assert.Equal([bankId, visaId], list.Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal([true, false], list.Select(m => m!["isPrimary"]!.GetValue<bool>()));

        // Making the primary primary again changes nothing (and records nothing).
        await AdminSession.ExpectAsync(await s.Portal.PostAsync($"/v1/portal/payment-methods/{bankId}/make-primary", null), HttpStatusCode.OK);

        // Removing the primary: detached at Stripe under a key, and the remaining card becomes primary.
        Assert.Equal(HttpStatusCode.NoContent, (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{bankId}")).StatusCode);
        var detach = Assert.Single(s.Stripe.Requests, r => r.Method == "POST" && r.Path.EndsWith("/detach", StringComparison.Ordinal) && r.StripeAccount == s.AccountId);
        Assert.Equal("detach-" + Guid.Parse(bankId).ToString("N"), detach.IdempotencyKey);
        var remaining = Assert.Single(await s.ListAsync("mine"));
        Assert.Equal(visaId, remaining!["id"]!.GetValue<string>());
        Assert.True(remaining["isPrimary"]!.GetValue<bool>());
        await (await s.Portal.GetAsync($"/v1/portal/payment-methods/{bankId}")).AssertProblemAsync(404, "not_found");
        await (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{bankId}")).AssertProblemAsync(404, "not_found");

        // Removing the last one leaves no primary.
        Assert.Equal(HttpStatusCode.NoContent, (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{visaId}")).StatusCode);
        Assert.Empty(await s.ListAsync("mine"));

        var history = await s.HistoryAsync("mine");
        var userActor = Assert.Single(history.Select(h => h!["actor"]!.GetValue<string>()).Distinct());
        Assert.StartsWith("portal-user:", userActor);
        Assert.Equal(
            [
                ("primaryCleared", visaId, "Visa •••• 4242"),
                ("removed", visaId, "Visa •••• 4242"),
                ("madePrimary", visaId, "Visa •••• 4242"),
                ("removed", bankId, "STRIPE TEST BANK •••• 6789"),
                ("madePrimary", bankId, "STRIPE TEST BANK •••• 6789"),
                ("added", bankId, "STRIPE TEST BANK •••• 6789"),
                ("madePrimary", visaId, "Visa •••• 4242"),
                ("added", visaId, "Visa •••• 4242"),
            ],
            history.Select(h => (h!["action"]!.GetValue<string>(), h["savedPaymentMethodId"]!.GetValue<string>(), h["method"]!.GetValue<string>())));

        // Newest first, page by page.
        var first = await AdminSession.ExpectAsync(await s.Admin.GetAsync("/v1/admin/customers/mine/payment-method-history?limit=3"), HttpStatusCode.OK);
        Assert.True(first["hasMore"]!.GetValue<bool>());
        var rest = await s.HistoryAsync("mine", $"?limit=100&after={first["nextCursor"]!.GetValue<string>()}");
        Assert.Equal(history.Select(h => h!["id"]!.GetValue<string>()), first["data"]!.AsArray().Concat(rest).Select(h => h!["id"]!.GetValue<string>()));
        Assert.Empty(await s.HistoryAsync("mine2"));
        await (await s.Admin.GetAsync("/v1/admin/customers/nobody/payment-method-history")).AssertProblemAsync(404, "not_found");
        await (await s.Admin.GetAsync("/v1/admin/customers/mine/payment-method-history?limit=0")).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task StripesNotification_SavesAMethodTheFrontEndDidNotAttach_OnceAndWithItsDetails(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var setupIntentId = (await s.SetUpAsync("mine"))["setupIntentId"]!.GetValue<string>();
        await s.ConfirmInBrowserAsync(setupIntentId, FakeStripeTestPaymentMethods.Mastercard);

        // The customer closed the page: only Stripe's setup_intent.succeeded tells us, twice.
        var succeeded = s.Stripe.Events.Single(e => e.Type == "setup_intent.succeeded" && e.ObjectId == setupIntentId && e.Account == s.AccountId);
        s.Stripe.ResendEvent(succeeded.Id);
        Assert.Equal(200, (await s.Stripe.WaitForDeliveryAsync(succeeded.Id)).StatusCode);
        s.Stripe.ResendEvent(succeeded.Id);

        // Saved at once; its details come from Stripe a moment later, outside the event's transaction.
        var method = await WaitAsync(async () => (await s.ListAsync("mine")).SingleOrDefault(m => m!["card"]!["last4"] is not null));
        Assert.Equal("Mastercard •••• 4444", method!["summary"]!.GetValue<string>());
        Assert.True(method["isPrimary"]!.GetValue<bool>());
        var history = await s.HistoryAsync("mine");
        Assert.Equal(["madePrimary", "added"], history.Select(h => h!["action"]!.GetValue<string>()));
        Assert.All(history, h => Assert.Equal("Mastercard •••• 4444", h!["method"]!.GetValue<string>()));
        Assert.All(history, h => Assert.StartsWith("portal-user:", h!["actor"]!.GetValue<string>()));

        // The front end attaching it afterwards finds it saved.
        var attached = await AdminSession.ExpectAsync(await s.AttachAsync("mine", setupIntentId), HttpStatusCode.OK);
        Assert.Equal(method["id"]!.GetValue<string>(), attached["id"]!.GetValue<string>());
        Assert.Single(await s.ListAsync("mine"));
        Assert.Equal(2, (await s.HistoryAsync("mine")).Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task StripesNotification_AfterTheMethodWasRemoved_DoesNotBringItBack(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var saved = await s.SaveAsync("mine");
        Assert.Equal(HttpStatusCode.NoContent, (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{saved["id"]}")).StatusCode);

        var succeeded = s.Stripe.Events.Single(e => e.Type == "setup_intent.succeeded" && e.Account == s.AccountId);
        s.Stripe.ResendEvent(succeeded.Id);
        Assert.Equal(200, (await s.Stripe.WaitForDeliveryAsync(succeeded.Id)).StatusCode);

        Assert.Empty(await s.ListAsync("mine"));
        Assert.Equal(4, (await s.HistoryAsync("mine")).Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Pay_WithASavedMethod_ChargesItOnItsStripeCustomer_AndWithoutAnIdChargesThePrimary(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var visa = await s.SaveAsync("mine");
        var mastercard = await s.SaveAsync("mine", FakeStripeTestPaymentMethods.Mastercard);
        var customerId = s.Stripe.Requests.First(r => r.Path == "/v1/setup_intents" && r.Method == "POST" && r.StripeAccount == s.AccountId).Field("customer");
        var mastercardPm = LastPaymentMethodRead(s);

        var named = await PayAsync(s, "inv-1", 20_000, new { type = "savedMethod", savedPaymentMethodId = mastercard["id"]!.GetValue<string>() });
        Assert.Equal("succeeded", named["status"]!.GetValue<string>());
        var charge = s.Stripe.Requests.Last(r => r.Method == "POST" && r.Path == "/v1/payment_intents" && r.StripeAccount == s.AccountId);
        Assert.Equal(customerId, charge.Field("customer"));
        Assert.Equal(mastercardPm, charge.Field("payment_method"));

        var primary = await PayAsync(s, "inv-2", 8_000, new { type = "savedMethod" });
        Assert.Equal("succeeded", primary["status"]!.GetValue<string>());
        var primaryCharge = s.Stripe.Requests.Last(r => r.Method == "POST" && r.Path == "/v1/payment_intents" && r.StripeAccount == s.AccountId);
        Assert.Equal(customerId, primaryCharge.Field("customer"));
        Assert.NotEqual(mastercardPm, primaryCharge.Field("payment_method"));
        Assert.Equal(0, (await AdminSession.ExpectAsync(await s.Admin.GetAsync("/v1/admin/invoices/inv-2"), HttpStatusCode.OK))["balance"]!["amount"]!.GetValue<long>());
        Assert.True(visa["isPrimary"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Pay_WithASavedMethodThatIsNotTheCustomers_OrWithoutAPrimary_Is404(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var onOtherCustomer = await s.SaveAsync("mine2");
        await PayExpectingAsync(s, new { type = "savedMethod" }, 404, "not_found");
        await PayExpectingAsync(s, new { type = "savedMethod", savedPaymentMethodId = onOtherCustomer["id"]!.GetValue<string>() }, 404, "not_found");

        var saved = await s.SaveAsync("mine");
        Assert.Equal(HttpStatusCode.NoContent, (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{saved["id"]}")).StatusCode);
        await PayExpectingAsync(s, new { type = "savedMethod", savedPaymentMethodId = saved["id"]!.GetValue<string>() }, 404, "not_found");
        await PayExpectingAsync(s, new { type = "savedMethod" }, 404, "not_found");

        await s.SetFeatureAsync(false);
        await PayExpectingAsync(s, new { type = "savedMethod" }, 409, "saved_payment_methods_off");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_ForAnotherCustomersAServiceOnlyCustomersOrAnotherTenantsMethod_Answer404(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var mine = await s.SaveAsync("mine");
        var service = await s.SaveAsync("service", portal: s.SecondPortal);
        var other = await s.SaveAsync("other", portal: s.SecondPortal);
        var otherTenant = await s.SaveAsync("otherTenant", portal: s.OtherTenantPortal, accountId: s.OtherTenantAccountId);

        Assert.Equal(HttpStatusCode.OK, (await s.Portal.GetAsync($"/v1/portal/payment-methods/{mine["id"]}")).StatusCode);
        foreach (var id in new[] { service, other, otherTenant }.Select(m => m["id"]!.GetValue<string>()).Append(Guid.NewGuid().ToString()))
        {
            await (await s.Portal.GetAsync($"/v1/portal/payment-methods/{id}")).AssertProblemAsync(404, "not_found");
            await (await s.Portal.PostAsync($"/v1/portal/payment-methods/{id}/make-primary", null)).AssertProblemAsync(404, "not_found");
            await (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{id}")).AssertProblemAsync(404, "not_found");
        }

        // The user's list holds only their billing customers' methods; the service-only customer's stays out of it.
        Assert.Equal([mine["id"]!.GetValue<string>()], (await s.ListAsync()).Select(m => m!["id"]!.GetValue<string>()));
        Assert.Single(await s.ListAsync("service", s.SecondPortal));
        foreach (var customer in new[] { "service", "other", "otherTenant" })
        {
            await (await s.Portal.GetAsync($"/v1/portal/payment-methods?customerId={s.Customers[customer]}")).AssertProblemAsync(404, "not_found");
            await (await s.Portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = s.Customers[customer], type = "card" })).AssertProblemAsync(404, "not_found");
        }

        await (await s.Portal.GetAsync($"/v1/portal/payment-methods?customerId={Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");

        // A SetupIntent made for another customer cannot be attached to mine, nor to a customer of the user without it.
        var foreign = (await s.SetUpAsync("other", portal: s.SecondPortal))["setupIntentId"]!.GetValue<string>();
        await s.ConfirmInBrowserAsync(foreign, FakeStripeTestPaymentMethods.Visa);
        await (await s.AttachAsync("mine", foreign)).AssertProblemAsync(404, "not_found");
        await (await s.AttachAsync("other", foreign)).AssertProblemAsync(404, "not_found");
        var forMine2 = (await s.SetUpAsync("mine2"))["setupIntentId"]!.GetValue<string>();
        await s.ConfirmInBrowserAsync(forMine2, FakeStripeTestPaymentMethods.Visa);
        await (await s.AttachAsync("mine", forMine2)).AssertProblemAsync(404, "not_found");
        await (await s.AttachAsync("mine", "seti_doesnotexist")).AssertProblemAsync(404, "not_found");

        // Nothing of the other customers moved.
        Assert.Single(await s.ListAsync("service", s.SecondPortal));
        Assert.True((await s.ListAsync("other", s.SecondPortal))[0]!["isPrimary"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_WhenTheCompanyKeepsNoSavedMethods_Answer409SavedPaymentMethodsOff(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var saved = await s.SaveAsync("mine");
        await s.SetFeatureAsync(false);

        await (await s.Portal.GetAsync("/v1/portal/payment-methods")).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await s.Portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = s.Customers["mine"], type = "card" })).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await s.AttachAsync("mine", "seti_123456")).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await s.Portal.GetAsync($"/v1/portal/payment-methods/{saved["id"]}")).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await s.Portal.PostAsync($"/v1/portal/payment-methods/{saved["id"]}/make-primary", null)).AssertProblemAsync(409, "saved_payment_methods_off");
        await (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{saved["id"]}")).AssertProblemAsync(409, "saved_payment_methods_off");

        // Switched on again, the method is still there.
        await s.SetFeatureAsync(true);
        Assert.Single(await s.ListAsync());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Endpoints_WithoutOnlinePayments_Answer409PaymentsDisabled(TestDb engine)
    {
        var s = await SeedAsync(engine, connectPayments: false);

        await (await s.Portal.GetAsync("/v1/portal/payment-methods")).AssertProblemAsync(409, "payments_disabled");
        await (await s.Portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = s.Customers["mine"], type = "card" })).AssertProblemAsync(409, "payments_disabled");
        await (await s.AttachAsync("mine", "seti_123456")).AssertProblemAsync(409, "payments_disabled");
        await (await s.Portal.PostAsync($"/v1/portal/payment-methods/{Guid.NewGuid()}/make-primary", null)).AssertProblemAsync(409, "payments_disabled");
        await (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{Guid.NewGuid()}")).AssertProblemAsync(409, "payments_disabled");
        Assert.DoesNotContain(s.Stripe.Requests, r => r.StripeAccount == s.AccountId);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SetUp_BeyondTenMethods_Is409_AndBodiesAreChecked(TestDb engine)
    {
        var s = await SeedAsync(engine);
        for (var i = 0; i < 10; i++)
        {
            await s.SaveAsync("mine", i % 2 == 0 ? FakeStripeTestPaymentMethods.Visa : FakeStripeTestPaymentMethods.Mastercard);
        }

        await (await s.Portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { customerId = s.Customers["mine"], type = "card" }))
            .AssertProblemAsync(409, "too_many_payment_methods");
        Assert.Equal(10, (await s.ListAsync("mine")).Count);
        Assert.Single(await s.ListAsync("mine"), m => m!["isPrimary"]!.GetValue<bool>());

        var setup = await (await s.Portal.PostAsJsonAsync("/v1/portal/payment-methods/setup", new { type = "paypal" })).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(setup["errors"]!["customerId"]);
        Assert.NotNull(setup["errors"]!["type"]);
        var attach = await (await s.AttachAsync("mine", "pm_123")).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(attach["errors"]!["setupIntentId"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ConcurrentFirstSetups_MakeOneStripeCustomer(TestDb engine)
    {
        var s = await SeedAsync(engine);

        var setups = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => s.SetUpAsync("mine")));

        Assert.Equal(6, setups.Select(x => x["setupIntentId"]!.GetValue<string>()).Distinct().Count());
        var customers = s.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/setup_intents" && r.StripeAccount == s.AccountId).Select(r => r.Field("customer")).Distinct();
        Assert.Single(customers);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Remove_WhenStripeAlreadyDetachedIt_RemovesOurs_AndWhenStripeIsDown_KeepsIt(TestDb engine)
    {
        var s = await SeedAsync(engine);
        var saved = await s.SaveAsync("mine");
        var id = saved["id"]!.GetValue<string>();

        // The first attempt and the adapter's three retries fail.
        s.Stripe.FailNextRequests(4, 503);
        await (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{id}")).AssertProblemAsync(503, "payment_provider_unavailable");
        Assert.Single(await s.ListAsync("mine"));

        // Detached at Stripe meanwhile (from its dashboard, say): ours goes all the same.
        var pm = LastPaymentMethodRead(s);
        using (var http = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"{s.Stripe.BaseUrl}/v1/payment_methods/{pm}/detach"))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", s.Stripe.SecretKey);
            request.Headers.Add("Stripe-Account", s.AccountId);
            Assert.True((await http.SendAsync(request)).IsSuccessStatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await s.Portal.DeleteAsync($"/v1/portal/payment-methods/{id}")).StatusCode);
        Assert.Empty(await s.ListAsync("mine"));
    }

    /// <summary>The pm_... id of the method the API last read from Stripe (attaching reads the method it saves).</summary>
    private static string LastPaymentMethodRead(SavedMethodTenant s) =>
        s.Stripe.Requests.Last(r => r.Method == "GET" && r.StripeAccount == s.AccountId && r.Path.StartsWith("/v1/payment_methods/", StringComparison.Ordinal))
            .Path["/v1/payment_methods/".Length..];

    private static async Task<JsonNode> PayAsync(SavedMethodTenant s, string invoice, long amount, object method)
    {
        var invoiceId = (await AdminSession.ExpectAsync(await s.Admin.GetAsync($"/v1/admin/invoices/{invoice}"), HttpStatusCode.OK))["id"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portal/payments")
        {
            Content = JsonContent.Create(new { allocations = new[] { new { invoiceId, amount } }, paymentMethod = method }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await AdminSession.ExpectAsync(await s.Portal.SendAsync(request), HttpStatusCode.Created);
    }

    private static async Task PayExpectingAsync(SavedMethodTenant s, object method, int status, string code)
    {
        var invoiceId = (await AdminSession.ExpectAsync(await s.Admin.GetAsync("/v1/admin/invoices/inv-1"), HttpStatusCode.OK))["id"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portal/payments")
        {
            Content = JsonContent.Create(new { allocations = new[] { new { invoiceId, amount = 20_000 } }, paymentMethod = method }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await s.Portal.SendAsync(request)).AssertProblemAsync(status, code);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the condition was never met");
        return null!;
    }
}
