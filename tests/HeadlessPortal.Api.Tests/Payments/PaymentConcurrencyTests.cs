using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static HeadlessPortal.Api.Tests.Payments.PaymentTenant;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>Money stays right under concurrent requests, retries, repeated and shuffled webhooks, and a crash mid-payment.</summary>
public sealed class PaymentConcurrencyTests(PaymentHosts hosts) : IClassFixture<PaymentHosts>
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FiftyConcurrentPayments_OnOneInvoice_NeverCollectMoreThanItsBalance(TestDb engine)
    {
        var p = await CreateAsync(hosts[engine].Stripe, hosts[engine].Factory, partialPayments: true, balance: 20_000);
        var invoiceId = await p.InvoiceIdAsync("inv-a1");

        // 50 payments of $7.00 against a $200.00 balance: at most 28 fit.
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => p.PayAsync(
            new { allocations = new[] { new { invoiceId, amount = 700 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) }, Guid.NewGuid().ToString())));
        var succeeded = 0;
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal("succeeded", (await response.Content.ReadFromJsonAsync<JsonNode>())!["status"]!.GetValue<string>());
                succeeded++;
            }
            else
            {
                var problem = await response.AssertProblemAsync(409, (await response.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
                Assert.Contains(problem["code"]!.GetValue<string>(), new[] { "amount_exceeds_balance", "payment_in_progress" });
            }
        }

        Assert.Equal(28, succeeded);
        Assert.Equal(20_000 - (28 * 700), await p.BalanceAsync("inv-a1"));
        Assert.Equal(28, p.Stripe.PaymentIntentIds(p.AccountId).Count);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task FiftyConcurrentFullPayments_CollectTheBalanceExactlyOnce(TestDb engine)
    {
        var p = await CreateAsync(hosts[engine].Stripe, hosts[engine].Factory, partialPayments: false, balance: 20_000);
        var invoiceId = await p.InvoiceIdAsync("inv-a1");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => p.PayAsync(
            new { allocations = new[] { new { invoiceId, amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) }, Guid.NewGuid().ToString())));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        // The others are refused: 409 while the winner holds the balance, or 422 "nothing due" once it has collected
        // it (a request that reads the invoice after the winner settled). Which one depends only on timing.
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            if (refused.StatusCode != HttpStatusCode.Conflict)
            {
                var problem = await refused.AssertProblemAsync(422, "invalid_amount");
                Assert.Contains("nothing due", problem.ToJsonString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
        Assert.Single(p.Stripe.PaymentIntentIds(p.AccountId));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwentyConcurrentRequests_WithOneKey_MakeOnePaymentIntentAndGetTheSameAnswer(TestDb engine)
    {
        var p = await CreateAsync(hosts[engine].Stripe, hosts[engine].Factory);
        var body = new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) };
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => p.PayAsync(body, key)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(answers.Distinct());
        Assert.Equal("succeeded", JsonNode.Parse(answers[0])!["status"]!.GetValue<string>());
        Assert.Single(p.Stripe.PaymentIntentIds(p.AccountId));
        Assert.Equal(0, await p.BalanceAsync("inv-a1"));

        // A retry later answers the same; the same key with another body is refused.
        Assert.Equal(answers[0], await (await p.PayAsync(body, key)).Content.ReadAsStringAsync());
        var other = new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a2"), amount = 8_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) };
        await (await p.PayAsync(other, key)).AssertProblemAsync(422, "idempotency_key_reused");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Webhooks_DeliveredFiveTimesInShuffledOrder_ChangeTheStateOnce(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync(o => o.DeliverEventsAutomatically = false);
        var factory = stripe.CreateFactory(await TestDatabase.CreateAsync(engine));
        var p = await CreateAsync(stripe, factory);
        var id = (await p.PayAsync("inv-a1", 20_000, Bank()))["id"]!.GetValue<Guid>();
        stripe.Server.SettleBankPayment(stripe.Server.PaymentIntentIds(p.AccountId).Single());
        var events = stripe.Server.Events.Where(e => e.Account == p.AccountId).ToList();
        Assert.Contains("payment_intent.processing", events.Select(e => e.Type));
        Assert.Contains("payment_intent.succeeded", events.Select(e => e.Type));

        // Every event of the payment five times, shuffled (succeeded may come before processing): one collection.
        var deliveries = events.SelectMany(e => Enumerable.Repeat(e, 5)).OrderBy(_ => Random.Shared.Next()).ToList();
        var webhook = factory.CreateClient();
        foreach (var evt in deliveries)
        {
            var body = Encoding.UTF8.GetBytes(evt.Json);
            Assert.Equal(HttpStatusCode.OK, (await SendWebhookAsync(webhook, body, stripe.Server.SignatureHeader(body))).StatusCode);
        }

        Assert.Equal("succeeded", (await p.PaymentAsync(id))["status"]!.GetValue<string>());
        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
        Assert.Single(await p.OutboxAsync("payment.succeeded"));
        Assert.Single(await p.OutboxAsync(PaymentEmailRequested.Type));
        var audit = await AdminSession.ExpectAsync(await p.Admin.GetAsync("/v1/admin/audit-events?target=job:job-a"), HttpStatusCode.OK);
        Assert.Single(audit["data"]!.AsArray());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Webhooks_WithABadSignatureOldTimestampOrChangedBody_Are400AndChangeNothing(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync(o => o.DeliverEventsAutomatically = false);
        var factory = stripe.CreateFactory(await TestDatabase.CreateAsync(engine));
        var p = await CreateAsync(stripe, factory);
        var id = (await p.PayAsync("inv-a1", 20_000, Bank()))["id"]!.GetValue<Guid>();
        stripe.Server.SettleBankPayment(stripe.Server.PaymentIntentIds(p.AccountId).Single());
        var succeeded = stripe.Server.Events.Single(e => e.Account == p.AccountId && e.Type == "payment_intent.succeeded");
        var body = Encoding.UTF8.GetBytes(succeeded.Json);
        var changed = Encoding.UTF8.GetBytes(succeeded.Json.Replace("\"succeeded\"", "\"succeeded\" ", StringComparison.Ordinal));
        var webhook = factory.CreateClient();
        Task<HttpResponseMessage> SendAsync(byte[] payload, string? signature) => SendWebhookAsync(webhook, payload, signature);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await (await SendAsync(body, FakeStripeServer.SignatureHeader("whsec_wrong", now, body))).AssertProblemAsync(400, "invalid_signature");
        await (await SendAsync(body, FakeStripeServer.SignatureHeader(stripe.Server.WebhookSecret, now - 301, body))).AssertProblemAsync(400, "invalid_signature");
        await (await SendAsync(changed, stripe.Server.SignatureHeader(body))).AssertProblemAsync(400, "invalid_signature");
        await (await SendAsync(body, null)).AssertProblemAsync(400, "invalid_signature");
        Assert.Equal("processing", (await p.PaymentAsync(id))["status"]!.GetValue<string>());
        Assert.Equal(20_000, await p.BalanceAsync("inv-a1"));

        // The authentic one, for contrast.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body, stripe.Server.SignatureHeader(body))).StatusCode);
        Assert.Equal("succeeded", (await p.PaymentAsync(id))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CrashAfterTheProviderConfirmed_BeforeOurCommit_IsSettledOnceByRecoveryAfterRestart(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync(o => o.DeliverEventsAutomatically = false);
        var database = await TestDatabase.CreateAsync(engine);
        var crashing = stripe.CreateFactory(database, services: s => s.Decorate<IPaymentGateway>(inner => new CrashAfterConfirm(inner)));
        var p = await CreateAsync(stripe, crashing);
        var body = new { allocations = new[] { new { invoiceId = await p.InvoiceIdAsync("inv-a1"), amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) };
        Assert.Equal(HttpStatusCode.InternalServerError, (await p.PayAsync(body, Guid.NewGuid().ToString())).StatusCode);

        // Stripe charged; we recorded nothing of it. The process restarts (a second host on the same database)
        // and its recovery job runs, twice.
        Assert.Single(stripe.Server.PaymentIntentIds(p.AccountId));
        Assert.Equal("pending", (await AdminSession.ExpectAsync(await p.Portal.GetAsync("/v1/portal/payments"), HttpStatusCode.OK))["data"]![0]!["status"]!.GetValue<string>());
        var restarted = stripe.CreateFactory(database, new Dictionary<string, string?> { ["Payments:RecoverPendingAfter"] = "00:00:00" });
        await RunRecoveryAsync(restarted);
        await RunRecoveryAsync(restarted);

        // The crashed process is gone: the customer's next request reaches the restarted one.
        var portal = restarted.CreateClient();
        foreach (var header in p.Portal.DefaultRequestHeaders)
        {
            portal.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }

        var payment = Assert.Single((await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/payments"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Equal("succeeded", payment!["status"]!.GetValue<string>());
        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
        Assert.Single(stripe.Server.PaymentIntentIds(p.AccountId));
        Assert.Single(await p.OutboxAsync("payment.succeeded"));

        // The events Stripe sends meanwhile change nothing either.
        foreach (var evt in stripe.Server.Events.Where(e => e.Account == p.AccountId))
        {
            var raw = Encoding.UTF8.GetBytes(evt.Json);
            Assert.Equal(HttpStatusCode.OK, (await SendWebhookAsync(restarted.CreateClient(), raw, stripe.Server.SignatureHeader(raw))).StatusCode);
        }

        Assert.Equal(0, await p.BalanceAsync("inv-a1"));
        Assert.Single(await p.OutboxAsync("payment.succeeded"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ProcessKilledAfterStripeConfirmed_BeforeOurCommit_IsSettledOnceAfterRestart(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync(o => o.DeliverEventsAutomatically = false);
        var database = await TestDatabase.CreateAsync(engine);
        // The tenant, its invoice and a signed-in user, made in process; then the API runs as a process of its own.
        var setup = stripe.CreateFactory(database);
        var p = await CreateAsync(stripe, setup);
        var invoiceId = await p.InvoiceIdAsync("inv-a1");
        var settings = new Dictionary<string, string?>(setup.Settings);
        await setup.DisposeAsync();

        var body = new { allocations = new[] { new { invoiceId, amount = 20_000 } }, paymentMethod = Card(FakeStripeTestPaymentMethods.Visa) };
        await using (var first = await ApiProcess.StartAsync(settings))
        {
            // Stripe charges at once but its answer is held: the process is killed in between. (The payment method is read first, and answered at once.)
            stripe.Server.HoldNextAnswers(1, TimeSpan.FromSeconds(60), "POST", "/v1/payment_intents");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/portal/payments") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var paying = first.Portal(p.Tenant.Key, await SignInAsync(first, p)).SendAsync(request);
            for (var i = 0; i < 200 && stripe.Server.PaymentIntentIds(p.AccountId).Count == 0; i++)
            {
                await Task.Delay(50);
            }

            Assert.True(
                stripe.Server.PaymentIntentIds(p.AccountId).Count == 1,
                paying.IsCompleted ? $"no PaymentIntent; the API answered {await (await paying).Content.ReadAsStringAsync()}" : "no PaymentIntent");
            first.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => paying);
        }

        settings["Maintenance:Cron"] = "* * * * * *";
        settings["BackgroundJobs:ServerEnabled"] = "true";
        settings["BackgroundJobs:PollIntervalMs"] = "200";
        settings["Payments:RecoverPendingAfter"] = "00:00:00";
        await using var second = await ApiProcess.StartAsync(settings);
        var portal = second.Portal(p.Tenant.Key, await SignInAsync(second, p));
        JsonNode? payment = null;
        for (var i = 0; i < 120; i++)
        {
            payment = (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/payments"), HttpStatusCode.OK))["data"]!.AsArray().Single();
            if (payment!["status"]!.GetValue<string>() == "succeeded")
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal("succeeded", payment!["status"]!.GetValue<string>());

        // Several more recovery rounds later: still one charge, collected once.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var invoice = await AdminSession.ExpectAsync(await portal.GetAsync($"/v1/portal/invoices/{invoiceId}"), HttpStatusCode.OK);
        Assert.Equal(0, invoice["balance"]!["amount"]!.GetValue<long>());
        Assert.Single(invoice["payments"]!.AsArray());
        Assert.Single((await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/payments"), HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Single(stripe.Server.PaymentIntentIds(p.AccountId));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ThreeDSecureAbandoned_IsCanceledByRecovery_AndTheBalanceCanBePaidAgain(TestDb engine)
    {
        await using var stripe = await FakeStripeFixture.StartAsync();
        var settings = new Dictionary<string, string?> { ["Payments:RecoverInFlightAfter"] = "00:00:00", ["Payments:AbandonRequiresActionAfter"] = "00:00:00" };
        var factory = stripe.CreateFactory(await TestDatabase.CreateAsync(engine), settings);
        var p = await CreateAsync(stripe, factory);
        var id = (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.ThreeDSecureRequired)))["id"]!.GetValue<Guid>();
        await RunRecoveryAsync(factory);

        Assert.Equal("canceled", (await p.WaitForStatusAsync(id, "canceled"))["status"]!.GetValue<string>());
        Assert.Contains(stripe.Server.Requests, r => r.Path.EndsWith("/cancel", StringComparison.Ordinal) && r.Field("cancellation_reason") == "abandoned");
        Assert.Equal("succeeded", (await p.PayAsync("inv-a1", 20_000, Card(FakeStripeTestPaymentMethods.Visa)))["status"]!.GetValue<string>());
    }

    /// <summary>Signs the tenant's user in on an API process (tokens name the address that issued them).</summary>
    private static async Task<string> SignInAsync(ApiProcess api, PaymentTenant p) =>
        (await AdminSession.ExpectAsync(
            await api.Portal(p.Tenant.Key).PostAsJsonAsync("/v1/portal/auth/sign-in", new { email = p.UserEmail, password = "correct horse battery staple" }),
            HttpStatusCode.OK))["accessToken"]!.GetValue<string>();

    private static async Task<HttpResponseMessage> SendWebhookAsync(HttpClient client, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/stripe") { Content = new ByteArrayContent(body) };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    private static async Task RunRecoveryAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IMaintenanceTask>().Single(t => t.Name == "payment-recovery").RunAsync(CancellationToken.None);
    }

    /// <summary>The process dies the moment the provider answered: nothing after the call runs.</summary>
    private sealed class CrashAfterConfirm(IPaymentGateway inner) : IPaymentGateway
    {
        public Task<GatewayCustomer> CreateCustomerAsync(string accountId, CreateGatewayCustomer request, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.CreateCustomerAsync(accountId, request, idempotencyKey, cancellationToken);

        public async Task<GatewayPaymentIntent> CreatePaymentIntentAsync(string accountId, CreateGatewayPaymentIntent request, string idempotencyKey, CancellationToken cancellationToken)
        {
            await inner.CreatePaymentIntentAsync(accountId, request, idempotencyKey, cancellationToken);
            throw new InvalidOperationException("The process was killed.");
        }

        public Task<GatewayPaymentIntent> GetPaymentIntentAsync(string accountId, string paymentIntentId, CancellationToken cancellationToken) =>
            inner.GetPaymentIntentAsync(accountId, paymentIntentId, cancellationToken);

        public Task<GatewayPaymentIntent> CancelPaymentIntentAsync(string accountId, string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.CancelPaymentIntentAsync(accountId, paymentIntentId, idempotencyKey, cancellationToken);

        public Task<GatewaySetupIntent> CreateSetupIntentAsync(string accountId, CreateGatewaySetupIntent request, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.CreateSetupIntentAsync(accountId, request, idempotencyKey, cancellationToken);

        public Task<GatewaySetupIntent> GetSetupIntentAsync(string accountId, string setupIntentId, CancellationToken cancellationToken) =>
            inner.GetSetupIntentAsync(accountId, setupIntentId, cancellationToken);

        public Task<GatewayPaymentMethod> GetPaymentMethodAsync(string accountId, string paymentMethodId, CancellationToken cancellationToken) =>
            inner.GetPaymentMethodAsync(accountId, paymentMethodId, cancellationToken);

        public Task<GatewayPaymentMethod> AttachPaymentMethodAsync(string accountId, string paymentMethodId, string customerId, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.AttachPaymentMethodAsync(accountId, paymentMethodId, customerId, idempotencyKey, cancellationToken);

        public Task<GatewayPaymentMethod> DetachPaymentMethodAsync(string accountId, string paymentMethodId, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.DetachPaymentMethodAsync(accountId, paymentMethodId, idempotencyKey, cancellationToken);

        public Task<IReadOnlyList<GatewayPaymentMethod>> ListPaymentMethodsAsync(string accountId, string customerId, string type, CancellationToken cancellationToken) =>
            inner.ListPaymentMethodsAsync(accountId, customerId, type, cancellationToken);

        public Task<GatewayEvent> GetEventAsync(string accountId, string eventId, CancellationToken cancellationToken) =>
            inner.GetEventAsync(accountId, eventId, cancellationToken);
    }
}
