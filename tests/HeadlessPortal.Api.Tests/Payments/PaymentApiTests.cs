using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;
using static HeadlessPortal.Api.Tests.Payments.PaymentTenant;

namespace HeadlessPortal.Api.Tests.Payments;

public sealed class PaymentApiTests(PaymentHosts hosts) : IClassFixture<PaymentHosts>
{
    private Task<PaymentTenant> SeedAsync(TestDb engine, bool partialPayments = true, long balance = 20_000) =>
        CreateAsync(hosts[engine].Stripe, hosts[engine].Factory, partialPayments, balance);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Card_WhenItSucceeds_PaysTheInvoiceOnceWithReceiptEventAndJobAuditEntry(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var paid = await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa));
        Assert.Equal("succeeded", paid["status"]!.GetValue<string>());
        Assert.Equal(20_000, paid["amount"]!["amount"]!.GetValue<long>());
        Assert.Null(paid["clientSecret"]);
        var id = paid["id"]!.GetValue<Guid>();

        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
        var invoice = await AdminSession.ExpectAsync(await p.Portal.GetAsync($"/v1/portal/invoices/{await p.InvoiceIdAsync("inv-a1")}"), HttpStatusCode.OK);
        Assert.Equal("paid", invoice["status"]!.GetValue<string>());
        Assert.Equal(id.ToString(), invoice["payments"]![0]!["reference"]!.GetValue<string>());

        // The PaymentIntent: on the tenant's account, under the key derived from our payment id, with our id in its metadata.
        var create = p.Stripe.Requests.Single(r => r.Method == "POST" && r.Path == "/v1/payment_intents" && r.StripeAccount == p.AccountId);
        Assert.Equal("payment-" + id.ToString("N"), create.IdempotencyKey);
        Assert.Equal(id.ToString(), create.Field("metadata[payment_id]"));
        Assert.Equal("true", create.Field("confirm"));

        var receipt = await p.Tenant.Factory.Mailbox.WaitForAsync(p.UserEmail, e => e.Subject.StartsWith("Payment received", StringComparison.Ordinal));
        Assert.Contains("$200.00", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("A-1", receipt.Text, StringComparison.Ordinal);

        // The receipt greets the person who paid, by the name on their contact, and names the customer billed.
        Assert.StartsWith($"Hi {UserName},", receipt.Text, StringComparison.Ordinal);
        Assert.Contains($"Hi {UserName},", receipt.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hi Avery Household", receipt.Text + receipt.Html, StringComparison.Ordinal);
        Assert.Contains("for invoice A-1 (Avery Household)", receipt.Text, StringComparison.Ordinal);
        Assert.Single(await p.OutboxAsync("payment.succeeded"));
        var audit = await AdminSession.ExpectAsync(await p.Admin.GetAsync("/v1/admin/audit-events?target=job:job-a"), HttpStatusCode.OK);
        var entry = Assert.Single(audit["data"]!.AsArray());
        Assert.Equal("payment.succeeded", entry!["action"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Card_WhenDeclined_FailsWithTheReasonAndReleasesTheBalance(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var failed = await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.ChargeDeclinedInsufficientFunds));
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal("card_declined", failed["failure"]!["code"]!.GetValue<string>());
        Assert.Equal("insufficient_funds", failed["failure"]!["declineCode"]!.GetValue<string>());
        Assert.Equal(20_000, await p.BalanceAsync("inv-a1"));

        // The hold is gone: the whole balance can be paid with another card.
        Assert.Equal("succeeded", (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa)))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Card_WhenThreeDSecureIsRequired_AnswersTheClientSecretThenSucceedsByWebhook(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var pending = await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.ThreeDSecureRequired));
        Assert.Equal("requiresAction", pending["status"]!.GetValue<string>());
        Assert.StartsWith("pi_", pending["clientSecret"]!.GetValue<string>(), StringComparison.Ordinal);
        var id = pending["id"]!.GetValue<Guid>();

        // While the customer authenticates, the balance is held: nobody else can pay it.
        await (await p.PayAsync(new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) }, Guid.NewGuid().ToString()))
            .AssertProblemAsync(409, "payment_in_progress");

        p.Stripe.CompleteAuthentication(p.Stripe.PaymentIntentIds(p.AccountId).Single());
        await p.WaitForStatusAsync(id, "succeeded");
        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BankAccount_IsProcessingUntilSettled_AndRecordsTheAuthorization(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var processing = await p.PayAsync("inv-a1", 20_000, Bank());
        Assert.Equal("processing", processing["status"]!.GetValue<string>());
        var id = processing["id"]!.GetValue<Guid>();
        var create = p.Stripe.Requests.Single(r => r.Path == "/v1/payment_intents" && r.StripeAccount == p.AccountId);
        Assert.Equal("us_bank_account", create.Field("allowed_payment_method_types[0]"));
        Assert.Equal("online", create.Field("mandate_data[customer_acceptance][type]"));
        Assert.False(string.IsNullOrEmpty(create.Field("mandate_data[customer_acceptance][online][ip_address]")));

        p.Stripe.SettleBankPayment(p.Stripe.PaymentIntentIds(p.AccountId).Single());
        await p.WaitForStatusAsync(id, "succeeded");
        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BankAccount_FailingLate_ReopensTheInvoiceAndTellsTheCustomer(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var processing = await p.PayAsync("inv-a1", 20_000, Bank(FakeStripeTestPaymentMethods.UsBankAccountInsufficientFunds));
        var id = processing["id"]!.GetValue<Guid>();
        p.Stripe.SettleBankPayment(p.Stripe.PaymentIntentIds(p.AccountId).Single());
        var failed = await p.WaitForStatusAsync(id, "failed");
        Assert.NotNull(failed["failure"]);
        Assert.Equal(20_000, await p.BalanceAsync("inv-a1"));
        await p.Tenant.Factory.Mailbox.WaitForAsync(p.UserEmail, e => e.Subject.Contains("did not go through", StringComparison.Ordinal));
        Assert.Single(await p.OutboxAsync("payment.failed"));

        // Open again: it can be paid.
        Assert.Equal("succeeded", (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa)))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SeveralInvoicesOfOneBillTo_ArePaidInOneCharge(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var body = new
        {
            allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 5_000L }, new { invoiceId = await p.InvoiceIdAsync("inv-a2"), amount = 8_000L } },
            paymentMethod = Card(FakeStripeTestPaymentMethods.Visa),
        };
        var paid = await AdminSession.ExpectAsync(await p.PayAsync(body, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        Assert.Equal(13_000, paid["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal(15_000, await p.BalanceAsync("inv-a1"));
        Assert.Equal(0, await p.BalanceAsync("inv-a2"));
        Assert.Equal("13000", p.Stripe.Requests.Single(r => r.Path == "/v1/payment_intents" && r.StripeAccount == p.AccountId).Field("amount"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AmountRules_AreEnforcedWithClearProblems(TestDb engine)
    {
        var p = await SeedAsync(engine, partialPayments: false);
        var a1 = await p.InvoiceIdAsync("inv-a1");
        var visa = Card(FakeStripeTestPaymentMethods.Visa);
        async Task<JsonNode> Problem(object body, int status, string code) => await (await p.PayAsync(body, Guid.NewGuid().ToString())).AssertProblemAsync(status, code);

        var partial = await Problem(new { allocations = new[] { new { invoiceId = a1, amount = 10_000 } }, paymentMethod = visa }, 422, "invalid_amount");
        Assert.NotEmpty(partial.FieldErrors("allocations[0].amount"));
        await Problem(new { allocations = new[] { new { invoiceId = a1, amount = 20_001 } }, paymentMethod = visa }, 422, "invalid_amount");
        await Problem(new { allocations = new[] { new { invoiceId = a1, amount = 0 } }, paymentMethod = visa }, 400, "validation_failed");
        await Problem(new { allocations = Array.Empty<object>(), paymentMethod = visa }, 400, "validation_failed");
        await Problem(new { allocations = new[] { new { invoiceId = a1, amount = 20_000 } }, paymentMethod = new { type = "card", paymentMethodId = "4242424242424242" } }, 400, "validation_failed");
        await Problem(new { allocations = new[] { new { invoiceId = a1, amount = 20_000 } }, paymentMethod = new { type = "usBankAccount", paymentMethodId = "pm_usBankAccount" } }, 400, "validation_failed");
        var noKey = await (await p.PayAsync(new { allocations = new[] { new { invoiceId = a1, amount = 20_000 } }, paymentMethod = visa })).AssertProblemAsync(400, "validation_failed");
        Assert.NotEmpty(noKey.FieldErrors("Idempotency-Key"));

        // Nothing was charged.
        Assert.Empty(p.Stripe.PaymentIntentIds(p.AccountId));
        Assert.Equal(20_000, await p.BalanceAsync("inv-a1"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task AmountBelowTheProvidersMinimum_IsRefused(TestDb engine)
    {
        var p = await SeedAsync(engine, balance: 40);
        var problem = await (await p.PayAsync(
            new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 40 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) },
            Guid.NewGuid().ToString())).AssertProblemAsync(422, "amount_below_minimum");
        Assert.NotNull(problem);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task EveryPaymentEndpoint_AnswersNotFound_ForServiceOnlyOtherCustomersAndOtherTenants(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var other = await SeedAsync(engine);
        var visa = Card(FakeStripeTestPaymentMethods.Visa);
        foreach (var invoiceId in new[] { await p.InvoiceIdAsync("inv-b"), await p.InvoiceIdAsync("inv-c"), await other.InvoiceIdAsync("inv-a1"), Guid.NewGuid() })
        {
            await (await p.PayAsync(new { allocations = new[] { new { invoiceId, amount = 5_000 } }, paymentMethod = visa }, Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
        }

        var theirs = (await other.PayAsync("inv-a1", 20_000, visa))["id"]!.GetValue<Guid>();
        await (await p.Portal.GetAsync($"/v1/portal/payments/{theirs}")).AssertProblemAsync(404, "not_found");

        // Payments in the same tenant by others: of customer C (not the user's) and of B (the user's, service only).
        foreach (var (contact, customer, invoice) in new[] { ("con-c-billing", "cust-c", "inv-c"), ("con-b-billing", "cust-b", "inv-b") })
        {
            var email = PortalTenant.UniqueEmail("payer");
            await p.Tenant.ContactAsync(contact, customer, email);
            var payer = p.Tenant.Portal((await p.Tenant.InviteAndAcceptAsync(contact, email))["accessToken"]!.GetValue<string>());
            var body = new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync(invoice), amount = 5_000 } }, paymentMethod = visa };
            var made = await AdminSession.ExpectAsync(await p.PayAsync(body, Guid.NewGuid().ToString(), payer), HttpStatusCode.Created);
            await (await p.Portal.GetAsync($"/v1/portal/payments/{made["id"]!.GetValue<Guid>()}")).AssertProblemAsync(404, "not_found");
            await AdminSession.ExpectAsync(await payer.GetAsync($"/v1/portal/payments/{made["id"]!.GetValue<Guid>()}"), HttpStatusCode.OK);
        }

        Assert.Empty((await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/payments"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Equal(2, p.Stripe.PaymentIntentIds(p.AccountId).Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task WithoutAPaymentAccount_InvoicesStayVisibleAndPayingIsPaymentsDisabled(TestDb engine)
    {
        var p = await SeedAsync(engine);

        // Read once while connected: the portal keeps "connected" in memory, and the disconnection must replace it.
        var connected = await AdminSession.ExpectAsync(await p.Portal.GetAsync($"/v1/portal/invoices/{await p.InvoiceIdAsync("inv-a1")}"), HttpStatusCode.OK);
        Assert.True(connected["payment"]!["payable"]!.GetValue<bool>());
        await AdminSession.ExpectAsync(await p.Admin.DeleteAsync("/v1/admin/payment-account"), HttpStatusCode.OK);
        var invoice = await AdminSession.ExpectAsync(await p.Portal.GetAsync($"/v1/portal/invoices/{await p.InvoiceIdAsync("inv-a1")}"), HttpStatusCode.OK);
        Assert.False(invoice["payment"]!["payable"]!.GetValue<bool>());
        Assert.Equal("payments_disabled", invoice["payment"]!["reason"]!.GetValue<string>());
        await (await p.PayAsync(new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) }, Guid.NewGuid().ToString()))
            .AssertProblemAsync(409, "payments_disabled");
        var options = await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/payment-options"), HttpStatusCode.OK);
        Assert.False(options["enabled"]!.GetValue<bool>());
        var settings = await AdminSession.ExpectAsync(await p.Admin.GetAsync("/v1/admin/portal-settings"), HttpStatusCode.OK);
        Assert.False(settings["onlinePayments"]!["enabled"]!.GetValue<bool>());
        Assert.False(settings["onlinePayments"]!["accountConnected"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PaymentOptions_GiveStripeJsItsKeysAndTheAchText(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var options = await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/payment-options"), HttpStatusCode.OK);
        Assert.True(options["enabled"]!.GetValue<bool>());
        Assert.Equal(p.AccountId, options["stripe"]!["accountId"]!.GetValue<string>());
        Assert.Contains("authorize", options["achAuthorizationText"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.NotEmpty((await (await p.Portal.GetAsync("/v1/portal/payments?limit=0")).AssertProblemAsync(400, "validation_failed")).FieldErrors("limit"));
        Assert.NotEmpty((await (await p.Portal.GetAsync("/v1/portal/payments?after=nope")).AssertProblemAsync(400, "validation_failed")).FieldErrors("after"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PaymentAccount_TakenByAnotherCompany_IsAConflict(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var other = await SeedAsync(engine);
        await (await other.Admin.PutAsJsonAsync("/v1/admin/payment-account", new { accountId = p.AccountId })).AssertProblemAsync(409, "payment_account_in_use");
        await (await other.Admin.PutAsJsonAsync("/v1/admin/payment-account", new { accountId = "cus_123" })).AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PaymentLink_PaysItsInvoiceWithoutAnAccount_AndNothingElse(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var link = await AdminSession.ExpectAsync(await p.Admin.PostAsJsonAsync("/v1/admin/invoices/inv-a1/payment-links", new { }), HttpStatusCode.Created);
        var token = link["token"]!.GetValue<string>();
        var anonymous = p.Tenant.Portal();
        async Task<HttpResponseMessage> PayAsync(object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/public/payment-links/{token}/payments") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await anonymous.SendAsync(request);
        }

        await (await PayAsync(new { paymentMethod = new { type = "savedMethod" } }, Guid.NewGuid().ToString())).AssertProblemAsync(400, "validation_failed");
        var key = Guid.NewGuid().ToString();
        var paid = await AdminSession.ExpectAsync(await PayAsync(new { paymentMethod = Card(FakeStripeTestPaymentMethods.Visa), receiptEmail = "payer@example.com" }, key), HttpStatusCode.Created);
        Assert.Equal("succeeded", paid["status"]!.GetValue<string>());
        Assert.Equal(20_000, paid["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
        var id = paid["id"]!.GetValue<Guid>();
        var followed = await AdminSession.ExpectAsync(await anonymous.GetAsync($"/v1/public/payment-links/{token}/payments/{id}"), HttpStatusCode.OK);
        Assert.Equal("succeeded", followed["status"]!.GetValue<string>());
        await p.Tenant.Factory.Mailbox.WaitForAsync("payer@example.com", e => e.Subject.StartsWith("Payment received", StringComparison.Ordinal));

        // The link's payment is the office's to see, marked as such; a revoked link neither pays nor shows its payments.
        var office = await AdminSession.ExpectAsync(await p.Admin.GetAsync($"/v1/admin/payments/{id}"), HttpStatusCode.OK);
        Assert.Equal("paymentLink", office["channel"]!.GetValue<string>());
        await AdminSession.ExpectAsync(await p.Admin.DeleteAsync($"/v1/admin/payment-links/{link["id"]!.GetValue<Guid>()}"), HttpStatusCode.OK);
        await (await anonymous.GetAsync($"/v1/public/payment-links/{token}/payments/{id}")).AssertProblemAsync(404, "not_found");
        await (await PayAsync(new { paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) }, Guid.NewGuid().ToString())).AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PaymentLink_AfterFiveDeclinesInAnHour_RefusesMore(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var token = (await AdminSession.ExpectAsync(await p.Admin.PostAsJsonAsync("/v1/admin/invoices/inv-a1/payment-links", new { }), HttpStatusCode.Created))["token"]!.GetValue<string>();
        var anonymous = p.Tenant.Portal();
        async Task<HttpResponseMessage> PayAsync(string pm)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/public/payment-links/{token}/payments") { Content = JsonContent.Create(new { paymentMethod = Card(pm) }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await anonymous.SendAsync(request);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("failed", (await AdminSession.ExpectAsync(await PayAsync(FakeStripeTestPaymentMethods.ChargeDeclined), HttpStatusCode.Created))["status"]!.GetValue<string>());
        }

        await (await PayAsync(FakeStripeTestPaymentMethods.Visa)).AssertProblemAsync(429, "too_many_failed_payments");
        Assert.Equal(5, p.Stripe.PaymentIntentIds(p.AccountId).Count);
        Assert.Equal(20_000, await p.BalanceAsync("inv-a1"));

        // The customer's own portal is not affected.
        Assert.Equal("succeeded", (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa)))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Portal_AfterFiveDeclinesOfOneUserInAnHour_Answers429WithRetryAfterAndChargesNothingMore(TestDb engine)
    {
        var p = await SeedAsync(engine);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("failed", (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.ChargeDeclined)))["status"]!.GetValue<string>());
        }

        var refused = await p.PayAsync(
            new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) },
            Guid.NewGuid().ToString());
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3000, 3600);
        await refused.AssertProblemAsync(429, "too_many_failed_payments");
        Assert.Equal(5, p.Stripe.PaymentIntentIds(p.AccountId).Count);
        Assert.Equal(20_000, await p.BalanceAsync("inv-a1"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Portal_AfterTenFailedPaymentsForOneCustomer_RefusesItsOtherUsersToo(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var customerId = (await PaymentData.GetAsync(p.Tenant.Admin, "customers", "cust-a"))["id"]!.GetValue<Guid>();
        var invoice = await PaymentData.GetAsync(p.Tenant.Admin, "invoices", "inv-a2");
        for (var i = 0; i < 10; i++)
        {
            // Other payers, other addresses: only the customer is shared.
            await PaymentData.InsertPaymentAsync(p.Tenant.Factory, p.Tenant.Admin.TenantId, customerId, [PaymentData.Allocation(invoice, 1_000)], Domain.Payments.PaymentStatus.Failed,
                clientIp: $"198.51.100.{i}");
        }

        await (await p.PayAsync(
                new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) },
                Guid.NewGuid().ToString()))
            .AssertProblemAsync(429, "too_many_failed_payments");
        Assert.Empty(p.Stripe.PaymentIntentIds(p.AccountId));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Portal_AfterTenFailedPaymentsFromOneAddress_RefusesPaymentsFromIt(TestDb engine)
    {
        var p = await SeedAsync(engine);
        const string Address = "203.0.113.9";
        async Task<HttpResponseMessage> PayFromAsync(string? address, string pm)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portal/payments")
            {
                Content = JsonContent.Create(new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(pm) }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            if (address is not null)
            {
                request.Headers.Add(TestClientAddress.Header, address);
            }

            return await p.Portal.SendAsync(request);
        }

        Assert.Equal("failed", (await AdminSession.ExpectAsync(await PayFromAsync(Address, FakeStripeTestPaymentMethods.ChargeDeclined), HttpStatusCode.Created))["status"]!.GetValue<string>());

        // Nine more failures from that address, for another customer and payer: the user's own count stays at one.
        var otherCustomer = (await PaymentData.GetAsync(p.Tenant.Admin, "customers", "cust-c"))["id"]!.GetValue<Guid>();
        var otherInvoice = await PaymentData.GetAsync(p.Tenant.Admin, "invoices", "inv-c");
        for (var i = 0; i < 9; i++)
        {
            await PaymentData.InsertPaymentAsync(p.Tenant.Factory, p.Tenant.Admin.TenantId, otherCustomer, [PaymentData.Allocation(otherInvoice, 1_000)], Domain.Payments.PaymentStatus.Failed,
                clientIp: Address);
        }

        await (await PayFromAsync(Address, FakeStripeTestPaymentMethods.Visa)).AssertProblemAsync(429, "too_many_failed_payments");

        // Another address is not refused.
        Assert.Equal("succeeded", (await AdminSession.ExpectAsync(await PayFromAsync("198.51.100.20", FakeStripeTestPaymentMethods.Visa), HttpStatusCode.Created))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task MethodOfTheOtherType_Is422BeforeAnythingIsHeldOrCharged(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var invoiceId = await p.InvoiceIdAsync("inv-a1");
        var bankAsCard = await (await p.PayAsync(
                new { allocations = new[] { new { invoiceId, amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.UsBankAccount) }, Guid.NewGuid().ToString()))
            .AssertProblemAsync(422, "payment_method_type_mismatch");
        Assert.NotEmpty(bankAsCard.FieldErrors("paymentMethod.type"));
        await (await p.PayAsync(
                new { allocations = new[] { new { invoiceId, amount = 20_000 } }, paymentMethod = Bank(FakeStripeTestPaymentMethods.Visa) }, Guid.NewGuid().ToString()))
            .AssertProblemAsync(422, "payment_method_type_mismatch");

        Assert.Empty(p.Stripe.PaymentIntentIds(p.AccountId));
        Assert.Empty((await AdminSession.ExpectAsync(await p.Admin.GetAsync("/v1/admin/payments"), HttpStatusCode.OK))["data"]!.AsArray());

        // Nothing was held: the whole balance can be paid.
        Assert.Equal("succeeded", (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa)))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task BankDebitInFlight_EveryBalanceShowsWhatIsPendingAndWhatCanBePaidNow(TestDb engine)
    {
        var p = await SeedAsync(engine);
        Assert.Equal("processing", (await p.PayAsync("inv-a1", 18_000, Bank()))["status"]!.GetValue<string>());
        var id = (await p.InvoiceIdAsync("inv-a1")).ToString();
        static void Amounts(JsonNode? shown, long balance, long pending, long payableNow, string balanceField = "balance")
        {
            Assert.NotNull(shown);
            Assert.Equal(balance, shown[balanceField]!["amount"]!.GetValue<long>());
            Assert.Equal(pending, shown["amountPending"]!["amount"]!.GetValue<long>());
            Assert.Equal("usd", shown["amountPending"]!["currency"]!.GetValue<string>());
            Assert.Equal(payableNow, shown["payableAmount"]!["amount"]!.GetValue<long>());
        }

        async Task<JsonNode> GetAsync(string url) => await AdminSession.ExpectAsync(await p.Portal.GetAsync(url), HttpStatusCode.OK);
        JsonNode? Listed(JsonNode list) => list.AsArray().SingleOrDefault(i => i!["id"]!.GetValue<string>() == id);

        var detail = await GetAsync($"/v1/portal/invoices/{id}");
        Amounts(detail, 20_000, 18_000, 2_000);
        Assert.True(detail["payment"]!["payable"]!.GetValue<bool>());
        Amounts(Listed((await GetAsync("/v1/portal/invoices"))["data"]!), 20_000, 18_000, 2_000);
        Assert.True(Listed((await GetAsync("/v1/portal/invoices"))["data"]!)!["payable"]!.GetValue<bool>());
        Amounts(Listed((await GetAsync("/v1/portal/tasks"))["invoicesToPay"]!["items"]!), 20_000, 18_000, 2_000);
        var billTo = (await GetAsync("/v1/portal/bill-to-customers"))["data"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "Avery Household");
        Amounts(billTo, 28_000, 18_000, 10_000, "openBalance");
        Assert.True(billTo!["payable"]!.GetValue<bool>());

        Amounts((await GetAsync($"/v1/portal/jobs/{detail["job"]!["id"]}"))["invoice"], 20_000, 18_000, 2_000);
        var token = (await AdminSession.ExpectAsync(await p.Admin.PostAsJsonAsync("/v1/admin/invoices/inv-a1/payment-links", new { }), HttpStatusCode.Created))["token"]!.GetValue<string>();
        Amounts((await AdminSession.ExpectAsync(await p.Tenant.Portal().GetAsync($"/v1/public/payment-links/{token}"), HttpStatusCode.OK))["invoice"], 20_000, 18_000, 2_000);

        // What is shown as payable can be paid; then nothing can be paid until the debit settles.
        Assert.Equal("succeeded", (await p.PayAsync("inv-a1", 2_000, Card(FakeStripeTestPaymentMethods.Visa)))["status"]!.GetValue<string>());
        detail = await GetAsync($"/v1/portal/invoices/{id}");
        Amounts(detail, 18_000, 18_000, 0);
        Assert.False(detail["payment"]!["payable"]!.GetValue<bool>());
        Assert.Equal("payment_in_progress", detail["payment"]!["reason"]!.GetValue<string>());
        Assert.False(Listed((await GetAsync("/v1/portal/invoices"))["data"]!)!["payable"]!.GetValue<bool>());
        var task = Listed((await GetAsync("/v1/portal/tasks"))["invoicesToPay"]!["items"]!);
        Amounts(task, 18_000, 18_000, 0);
        Assert.False(task!["payable"]!.GetValue<bool>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task InvoiceAndPaymentOff_CustomersSeeNoInvoicesAnywhere(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var id = await p.InvoiceIdAsync("inv-a1");
        var job = (await AdminSession.ExpectAsync(await p.Portal.GetAsync($"/v1/portal/invoices/{id}"), HttpStatusCode.OK))["job"]!["id"]!.GetValue<string>();
        Assert.NotNull((await AdminSession.ExpectAsync(await p.Portal.GetAsync($"/v1/portal/jobs/{job}"), HttpStatusCode.OK))["invoice"]);

        await PaymentData.SetFeatureAsync(p.Tenant.Admin, "invoicePayment", false);

        Assert.Empty((await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/invoices"), HttpStatusCode.OK))["data"]!.AsArray());
        await (await p.Portal.GetAsync($"/v1/portal/invoices/{id}")).AssertProblemAsync(404, "not_found");
        var tasks = await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/tasks"), HttpStatusCode.OK);
        Assert.Equal(0, tasks["invoicesToPay"]!["count"]!.GetValue<int>());
        Assert.Empty(tasks["invoicesToPay"]!["items"]!.AsArray());
        Assert.Empty((await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/bill-to-customers"), HttpStatusCode.OK))["data"]!.AsArray());

        // The job is still there, with its summary text but not the invoice.
        var shown = await AdminSession.ExpectAsync(await p.Portal.GetAsync($"/v1/portal/jobs/{job}"), HttpStatusCode.OK);
        Assert.Null(shown["invoice"]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task PublicConfiguration_SaysInvoicesCanBePaidOnlyWhenOnlinePaymentsWork(TestDb engine)
    {
        var p = await SeedAsync(engine);
        var anonymous = p.Tenant.Portal();
        async Task<JsonNode> PublicAsync() => await AdminSession.ExpectAsync(await anonymous.GetAsync("/v1/public/portal"), HttpStatusCode.OK);

        var ready = await PublicAsync();
        Assert.True(ready["features"]!["invoicePayment"]!.GetValue<bool>());
        Assert.True(ready["features"]!["partialPayments"]!.GetValue<bool>());
        Assert.True(ready["invoicesVisible"]!.GetValue<bool>());

        var (settings, etag) = await p.Tenant.Admin.GetSettingsAsync();
        settings["onlinePayments"]!["enabled"] = false;
        await AdminSession.ExpectAsync(await p.Tenant.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        var paymentsOff = await PublicAsync();
        Assert.False(paymentsOff["features"]!["invoicePayment"]!.GetValue<bool>());
        Assert.False(paymentsOff["features"]!["partialPayments"]!.GetValue<bool>());
        Assert.False(paymentsOff["features"]!["savedPaymentMethods"]!.GetValue<bool>());
        Assert.True(paymentsOff["invoicesVisible"]!.GetValue<bool>());

        (settings, etag) = await p.Tenant.Admin.GetSettingsAsync();
        settings["onlinePayments"]!["enabled"] = true;
        await AdminSession.ExpectAsync(await p.Tenant.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
        Assert.True((await PublicAsync())["features"]!["invoicePayment"]!.GetValue<bool>());
        Assert.True((await p.Admin.DeleteAsync("/v1/admin/payment-account")).IsSuccessStatusCode);
        Assert.False((await PublicAsync())["features"]!["invoicePayment"]!.GetValue<bool>());

        await PaymentData.SetFeatureAsync(p.Tenant.Admin, "invoicePayment", false);
        var invoicesOff = await PublicAsync();
        Assert.False(invoicesOff["features"]!["invoicePayment"]!.GetValue<bool>());
        Assert.False(invoicesOff["invoicesVisible"]!.GetValue<bool>());
    }
}
