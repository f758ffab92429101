using HeadlessPortal.Application.Payments;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.Infrastructure.Payments.Stripe;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>
/// The Stripe adapter (Stripe.net behind our port) against the fake Stripe over real HTTP: what it sends, as the fake
/// received it, and what it makes of the answers.
/// </summary>
public sealed class StripePaymentGatewayTests
{
    private const string Account = StripeHarness.Account;

    [Fact]
    public async Task CreatePaymentIntent_Always_SendsBearerKeyAccountTheSdksVersionAndTheCallersIdempotencyKey()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var key = StripeHarness.Key();

        await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);

        var request = Assert.Single(stripe.Fake.Requests);
        Assert.Equal(("POST", "/v1/payment_intents"), (request.Method, request.Path));
        Assert.Equal($"Bearer {stripe.Fake.SecretKey}", request.Headers["Authorization"]);
        Assert.Equal(Account, request.StripeAccount);
        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, request.StripeVersion);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}\.", request.StripeVersion);
        Assert.Equal(key, request.IdempotencyKey);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
    }

    [Fact]
    public async Task Gets_Always_CarryAccountAndVersionButNoIdempotencyKey()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var created = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);

        var read = await stripe.Gateway.GetPaymentIntentAsync(Account, created.Id, default);

        AssertSame(created, read);
        var get = stripe.Fake.Requests[^1];
        Assert.Equal(("GET", $"/v1/payment_intents/{created.Id}"), (get.Method, get.Path));
        Assert.Equal(Account, get.StripeAccount);
        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, get.StripeVersion);
        Assert.Null(get.IdempotencyKey);
    }

    [Fact]
    public async Task CreatePaymentIntent_ForACard_EncodesStripesNestedFormFields()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var customer = await stripe.Gateway.CreateCustomerAsync(Account, new CreateGatewayCustomer("Pat Thompson", "pat@example.com", new Dictionary<string, string> { ["customer_id"] = "c-1" }), StripeHarness.Key(), default);

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(
            Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa, customer: customer.Id, returnUrl: "https://portal.example/return"), StripeHarness.Key(), default);

        var sent = stripe.Fake.Requests[^1];
        Assert.Equal("12500", sent.Field("amount"));
        Assert.Equal("usd", sent.Field("currency"));
        Assert.Equal(["card"], List(sent, "allowed_payment_method_types"));
        Assert.Equal(FakeStripeTestPaymentMethods.Visa, sent.Field("payment_method"));
        Assert.Equal(customer.Id, sent.Field("customer"));
        Assert.Equal("true", sent.Field("confirm"));
        Assert.Equal("Invoice 1042", sent.Field("description"));
        Assert.Equal("https://portal.example/return", sent.Field("return_url"));
        Assert.Equal("0199a1b2-0000-7000-8000-000000000001", sent.Field("metadata[payment_id]"));
        Assert.Equal("0199a1b2-0000-7000-8000-0000000000aa", sent.Field("metadata[tenant_id]"));
        Assert.Null(sent.Field("mandate_data[customer_acceptance][type]"));
        Assert.Equal("c-1", stripe.Fake.Requests[0].Field("metadata[customer_id]"));
        Assert.Equal(StripeHarness.Metadata(), pi.Metadata);
    }

    [Theory]
    [InlineData(FakeStripeTestPaymentMethods.Visa)]
    [InlineData(FakeStripeTestPaymentMethods.Mastercard)]
    public async Task CreatePaymentIntent_WithACardThatPays_Succeeds(string paymentMethod)
    {
        await using var stripe = await StripeHarness.StartAsync();

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(paymentMethod), StripeHarness.Key(), default);

        Assert.StartsWith("pi_", pi.Id);
        Assert.Equal(("succeeded", 12_500L, "usd"), (pi.Status, pi.Amount, pi.Currency));
        Assert.StartsWith("pm_", pi.PaymentMethodId);
        Assert.NotEqual(paymentMethod, pi.PaymentMethodId);
        Assert.StartsWith(pi.Id + "_secret_", pi.ClientSecret);
        Assert.Null(pi.LastError);
        Assert.Equal(["payment_intent.created", "payment_intent.succeeded"], stripe.Fake.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task CreatePaymentIntent_ForABankAccount_SendsTheMandateAndProcessesUntilSettled()
    {
        await using var stripe = await StripeHarness.StartAsync();

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Bank(FakeStripeTestPaymentMethods.UsBankAccount), StripeHarness.Key(), default);

        Assert.Equal("processing", pi.Status);
        var sent = Assert.Single(stripe.Fake.Requests);
        Assert.Equal(["us_bank_account"], List(sent, "allowed_payment_method_types"));
        Assert.Equal("online", sent.Field("mandate_data[customer_acceptance][type]"));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds().ToString(), sent.Field("mandate_data[customer_acceptance][accepted_at]"));
        Assert.Equal("203.0.113.7", sent.Field("mandate_data[customer_acceptance][online][ip_address]"));
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", sent.Field("mandate_data[customer_acceptance][online][user_agent]"));

        stripe.Fake.SettleBankPayment(pi.Id);

        Assert.Equal("succeeded", (await stripe.Gateway.GetPaymentIntentAsync(Account, pi.Id, default)).Status);
        Assert.Equal(["payment_intent.created", "payment_intent.processing", "payment_intent.succeeded"], stripe.Fake.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task CreatePaymentIntent_ForABankAccountWithoutFunds_ProcessesThenFailsWhenSettled()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Bank(FakeStripeTestPaymentMethods.UsBankAccountInsufficientFunds), StripeHarness.Key(), default);

        stripe.Fake.SettleBankPayment(pi.Id);

        var settled = await stripe.Gateway.GetPaymentIntentAsync(Account, pi.Id, default);
        Assert.Equal("requires_payment_method", settled.Status);
        Assert.Equal("insufficient_funds", settled.LastError!.Code);
        Assert.Equal("payment_intent.payment_failed", stripe.Fake.Events[^1].Type);
    }

    [Theory]
    [InlineData(FakeStripeTestPaymentMethods.ChargeDeclined, "generic_decline", "Your card was declined.")]
    [InlineData(FakeStripeTestPaymentMethods.ChargeDeclinedInsufficientFunds, "insufficient_funds", "Your card has insufficient funds.")]
    public async Task CreatePaymentIntent_WhenTheCardIsDeclined_ThrowsDeclinedWithTheDeclineCodeAndThePaymentIntentWithoutRetrying(
        string paymentMethod, string declineCode, string message)
    {
        await using var stripe = await StripeHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(paymentMethod), StripeHarness.Key(), default));

        Assert.Equal(PaymentGatewayErrorKind.Declined, ex.Kind);
        Assert.Equal(("card_declined", declineCode, message), (ex.Code, ex.DeclineCode, ex.Message));
        Assert.NotNull(ex.PaymentIntent);
        Assert.Equal("requires_payment_method", ex.PaymentIntent.Status);
        Assert.Equal(new GatewayFailure("card_declined", declineCode, message), ex.PaymentIntent.LastError);
        Assert.Equal(StripeHarness.Metadata(), ex.PaymentIntent.Metadata);
        Assert.Equal(402, Assert.Single(stripe.Fake.Requests).StatusCode);
        Assert.Equal("payment_intent.payment_failed", stripe.Fake.Events[^1].Type);
    }

    [Fact]
    public async Task CreatePaymentIntent_WhenTheCardNeedsThreeDSecure_RequiresActionUntilTheCustomerAuthenticates()
    {
        await using var stripe = await StripeHarness.StartAsync();

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.ThreeDSecureRequired), StripeHarness.Key(), default);
        Assert.Equal("requires_action", pi.Status);
        Assert.NotNull(pi.ClientSecret);

        stripe.Fake.CompleteAuthentication(pi.Id);

        Assert.Equal("succeeded", (await stripe.Gateway.GetPaymentIntentAsync(Account, pi.Id, default)).Status);
        Assert.Equal(["payment_intent.created", "payment_intent.requires_action", "payment_intent.succeeded"], stripe.Fake.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task CreatePaymentIntent_WhenThreeDSecureFails_ReturnsToRequiresPaymentMethodWithTheFailure()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.ThreeDSecureRequired), StripeHarness.Key(), default);

        stripe.Fake.FailAuthentication(pi.Id);

        var failed = await stripe.Gateway.GetPaymentIntentAsync(Account, pi.Id, default);
        Assert.Equal("requires_payment_method", failed.Status);
        Assert.Equal("payment_intent_authentication_failure", failed.LastError!.Code);
        Assert.Equal("payment_intent.payment_failed", stripe.Fake.Events[^1].Type);
    }

    [Fact]
    public async Task CreatePaymentIntent_BelowFiftyCents_IsAnInvalidRequestAndNotRetried()
    {
        await using var stripe = await StripeHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa, amount: 49), StripeHarness.Key(), default));

        Assert.Equal(PaymentGatewayErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("amount_too_small", ex.Code);
        Assert.Equal(400, Assert.Single(stripe.Fake.Requests).StatusCode);
    }

    [Fact]
    public async Task CreatePaymentIntent_WithAnUnknownPaymentMethod_IsAnInvalidRequest()
    {
        await using var stripe = await StripeHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card("pm_1NoSuchMethod"), StripeHarness.Key(), default));

        Assert.Equal((PaymentGatewayErrorKind.InvalidRequest, "resource_missing"), (ex.Kind, ex.Code));
        Assert.Contains("param payment_method", ex.Message);
    }

    [Fact]
    public async Task InvalidRequest_WhenStripesMessageQuotesTheSecretKey_NeitherTheExceptionNorTheLogsCarryIt()
    {
        await using var stripe = await StripeHarness.StartAsync(o => o.EchoSecretKeyInErrors = true);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa, amount: 10), StripeHarness.Key(), default));

        Assert.Equal(PaymentGatewayErrorKind.InvalidRequest, ex.Kind);
        Assert.DoesNotContain(stripe.Fake.SecretKey, ex.Message);
        Assert.DoesNotContain("sk_", ex.Message);
        Assert.DoesNotContain(stripe.Logs.Lines, l => l.Contains(stripe.Fake.SecretKey));
        Assert.Contains(stripe.Logs.Lines, l => l.Contains("amount_too_small") && l.Contains("sk_test_[redacted]"));
    }

    [Fact]
    public async Task AnyCall_WithAWrongSecretKey_IsAnAuthenticationErrorWithoutTheKeyAndNotRetried()
    {
        await using var stripe = await StripeHarness.StartAsync(o => o.EchoSecretKeyInErrors = true, new Dictionary<string, string?> { ["Stripe:SecretKey"] = "sk_test_wrongKey0123456789" });

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => stripe.Gateway.GetPaymentIntentAsync(Account, "pi_123", default));

        Assert.Equal(PaymentGatewayErrorKind.Authentication, ex.Kind);
        Assert.DoesNotContain("sk_", ex.Message);
        Assert.Equal(401, Assert.Single(stripe.Fake.Requests).StatusCode);
        Assert.DoesNotContain(stripe.Logs.Lines, l => l.Contains("wrongKey") || l.Contains(stripe.Fake.SecretKey));
    }

    [Fact]
    public async Task AnyCall_WhenNoSecretKeyIsConfigured_IsAnAuthenticationErrorAndSendsNothing()
    {
        await using var stripe = await StripeHarness.StartAsync(settings: new Dictionary<string, string?> { ["Stripe:SecretKey"] = "" });

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default));

        Assert.Equal(PaymentGatewayErrorKind.Authentication, ex.Kind);
        Assert.Empty(stripe.Fake.Requests);
    }

    [Fact]
    public async Task GetPaymentIntent_OfAnotherConnectedAccount_IsNotFound()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var pi = await stripe.Gateway.CreatePaymentIntentAsync("acct_1CompanyA", StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => stripe.Gateway.GetPaymentIntentAsync("acct_1CompanyB", pi.Id, default));

        Assert.Equal((PaymentGatewayErrorKind.InvalidRequest, "resource_missing"), (ex.Kind, ex.Code));
        Assert.Equal(404, stripe.Fake.Requests[^1].StatusCode);
    }

    [Fact]
    public async Task CreatePaymentIntent_SentTwiceWithOneKey_ReturnsTheFirstPaymentIntentAndCreatesOne()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var key = StripeHarness.Key();

        var first = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);
        var second = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);

        AssertSame(first, second);
        Assert.Single(stripe.Fake.PaymentIntentIds());
        Assert.Equal(2, stripe.Fake.Requests.Count);
    }

    [Fact]
    public async Task CreatePaymentIntent_ADeclineSentAgainWithItsKey_IsTheSameDecline()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var key = StripeHarness.Key();
        Task<GatewayPaymentIntent> Pay() => stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.ChargeDeclined), key, default);

        var first = await Assert.ThrowsAsync<PaymentGatewayException>(Pay);
        var second = await Assert.ThrowsAsync<PaymentGatewayException>(Pay);

        Assert.Equal(first.PaymentIntent!.Id, second.PaymentIntent!.Id);
        Assert.Single(stripe.Fake.PaymentIntentIds());
    }

    [Fact]
    public async Task CreatePaymentIntent_WithAUsedKeyAndOtherParameters_IsAnInvalidRequest()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var key = StripeHarness.Key();
        await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa, amount: 9_900), key, default));

        Assert.Equal(PaymentGatewayErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("idempotency_error", ex.Message);
        Assert.Single(stripe.Fake.PaymentIntentIds());
    }

    [Fact]
    public async Task CreatePaymentIntent_AfterTwoServerErrors_RetriesWithTheSameKeyAndCreatesOne()
    {
        await using var stripe = await StripeHarness.StartAsync();
        stripe.Fake.FailNextRequests(2, 500);
        var key = StripeHarness.Key();

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);

        Assert.Equal("succeeded", pi.Status);
        Assert.Equal([500, 500, 200], stripe.Fake.Requests.Select(r => r.StatusCode));
        Assert.All(stripe.Fake.Requests, r => Assert.Equal(key, r.IdempotencyKey));
        Assert.Single(stripe.Fake.PaymentIntentIds());

        // Each attempt shows in the HttpClient's own log, so retries can be seen.
        var attempts = stripe.Logs.Lines.Where(l => l.Contains("System.Net.Http.HttpClient.IPaymentGateway.ClientHandler") && l.Contains("Received HTTP response")).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(2, attempts.Count(l => l.EndsWith("500", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(409, null)]
    [InlineData(503, null)]
    [InlineData(429, true)]
    [InlineData(400, true)]
    public async Task CreatePaymentIntent_AfterOneAnswerWorthRetrying_RetriesWithTheSameKey(int status, bool? shouldRetry)
    {
        await using var stripe = await StripeHarness.StartAsync();
        stripe.Fake.FailNextRequests(1, status, shouldRetry);
        var key = StripeHarness.Key();

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);

        Assert.Equal("succeeded", pi.Status);
        Assert.Equal([status, 200], stripe.Fake.Requests.Select(r => r.StatusCode));
        Assert.All(stripe.Fake.Requests, r => Assert.Equal(key, r.IdempotencyKey));
    }

    /// <summary>
    /// Stripe.net leaves a 429 to Stripe's <c>Stripe-Should-Retry</c>, unlike our former pipeline, which retried every 429:
    /// without it the payment stays pending, and the recovery job asks again later under the same key.
    /// </summary>
    [Fact]
    public async Task CreatePaymentIntent_WhenRateLimitedWithoutStripeSayingToRetry_IsUnavailableAfterOneAttempt()
    {
        await using var stripe = await StripeHarness.StartAsync();
        stripe.Fake.FailNextRequests(1, 429);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default));

        Assert.Equal((PaymentGatewayErrorKind.Unavailable, "rate_limit"), (ex.Kind, ex.Code));
        Assert.Single(stripe.Fake.Requests);
    }

    [Fact]
    public async Task CreatePaymentIntent_WhenAnAttemptTimesOut_RetriesWithTheSameKeyAndCreatesOne()
    {
        await using var stripe = await StripeHarness.StartAsync(settings: new Dictionary<string, string?> { ["Stripe:TimeoutSeconds"] = "1" });
        stripe.Fake.HoldNextAnswers(1, TimeSpan.FromSeconds(5));
        var key = StripeHarness.Key();

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), key, default);

        Assert.Equal("succeeded", pi.Status);
        Assert.Equal(2, stripe.Fake.Requests.Count);
        Assert.All(stripe.Fake.Requests, r => Assert.Equal(key, r.IdempotencyKey));
        Assert.Single(stripe.Fake.PaymentIntentIds());
    }

    [Fact]
    public async Task CreatePaymentIntent_AfterADroppedConnection_RetriesAndCreatesOne()
    {
        await using var stripe = await StripeHarness.StartAsync();
        stripe.Fake.DropNextConnections(1);

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);

        Assert.Equal("succeeded", pi.Status);
        Assert.Equal([0, 200], stripe.Fake.Requests.Select(r => r.StatusCode));
        Assert.Single(stripe.Fake.PaymentIntentIds());
    }

    [Fact]
    public async Task GetPaymentIntent_AfterAServerError_Retries()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);
        stripe.Fake.FailNextRequests(1, 502);

        Assert.Equal(pi.Id, (await stripe.Gateway.GetPaymentIntentAsync(Account, pi.Id, default)).Id);
        Assert.Equal([200, 502, 200], stripe.Fake.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task AnyCall_WhenStripeKeepsFailing_IsUnavailableAfterTheConfiguredRetries()
    {
        await using var stripe = await StripeHarness.StartAsync(settings: new Dictionary<string, string?> { ["Stripe:MaxRetries"] = "3" });
        stripe.Fake.FailNextRequests(10, 503);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default));

        Assert.Equal(PaymentGatewayErrorKind.Unavailable, ex.Kind);
        Assert.Equal(4, stripe.Fake.Requests.Count);
    }

    [Fact]
    public async Task AnyCall_WhenTheConnectionKeepsDropping_IsUnavailable()
    {
        await using var stripe = await StripeHarness.StartAsync(settings: new Dictionary<string, string?> { ["Stripe:MaxRetries"] = "1" });
        stripe.Fake.DropNextConnections(2);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => stripe.Gateway.GetPaymentIntentAsync(Account, "pi_123", default));

        Assert.Equal(PaymentGatewayErrorKind.Unavailable, ex.Kind);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
        Assert.Equal(2, stripe.Fake.Requests.Count);
    }

    [Fact]
    public async Task AnyCall_WhenStripeSaysShouldRetryFalse_IsNotRetried()
    {
        await using var stripe = await StripeHarness.StartAsync();
        stripe.Fake.FailNextRequests(1, 500, shouldRetry: false);

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default));

        Assert.Equal(PaymentGatewayErrorKind.Unavailable, ex.Kind);
        Assert.Single(stripe.Fake.Requests);
    }

    [Fact]
    public async Task SavedCard_SetUpInTheBrowser_IsListedAttachedAndPaysOnlyWithItsCustomer()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var customer = await stripe.Gateway.CreateCustomerAsync(Account, new CreateGatewayCustomer("Pat Thompson", "pat@example.com", new Dictionary<string, string>()), StripeHarness.Key(), default);
        var setup = await stripe.Gateway.CreateSetupIntentAsync(
            Account, new CreateGatewaySetupIntent(customer.Id, ["card", "us_bank_account"], new Dictionary<string, string> { ["customer_id"] = "c-1" }), StripeHarness.Key(), default);
        Assert.Equal(("requires_payment_method", customer.Id), (setup.Status, setup.CustomerId));
        Assert.Equal(["card", "us_bank_account"], List(stripe.Fake.Requests[^1], "allowed_payment_method_types"));

        await stripe.ConfirmSetupIntentInBrowserAsync(setup.Id, FakeStripeTestPaymentMethods.Visa);

        var done = await stripe.Gateway.GetSetupIntentAsync(Account, setup.Id, default);
        Assert.Equal("succeeded", done.Status);
        Assert.StartsWith("pm_", done.PaymentMethodId);
        Assert.NotEqual(FakeStripeTestPaymentMethods.Visa, done.PaymentMethodId);
        var card = await stripe.Gateway.GetPaymentMethodAsync(Account, done.PaymentMethodId!, default);
        Assert.Equal(new GatewayPaymentMethod(done.PaymentMethodId!, "card", customer.Id, new GatewayCard("visa", "4242", 12, 2034), null), card);
        Assert.Equal([card], await stripe.Gateway.ListPaymentMethodsAsync(Account, customer.Id, "card", default));
        Assert.Empty(await stripe.Gateway.ListPaymentMethodsAsync(Account, customer.Id, "us_bank_account", default));
        Assert.Contains(stripe.Fake.Events, e => e.Type == "setup_intent.succeeded" && e.ObjectId == setup.Id);

        var paid = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(card.Id, customer: customer.Id), StripeHarness.Key(), default);
        Assert.Equal(("succeeded", card.Id), (paid.Status, paid.PaymentMethodId));
        var withoutCustomer = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(card.Id), StripeHarness.Key(), default));
        Assert.Equal(PaymentGatewayErrorKind.InvalidRequest, withoutCustomer.Kind);
    }

    [Fact]
    public async Task AttachAndDetach_ABankAccount_ChangeWhatTheCustomerHas()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var customer = await stripe.Gateway.CreateCustomerAsync(Account, new CreateGatewayCustomer("Kowalski Rental", null, new Dictionary<string, string>()), StripeHarness.Key(), default);

        var attached = await stripe.Gateway.AttachPaymentMethodAsync(Account, FakeStripeTestPaymentMethods.UsBankAccount, customer.Id, StripeHarness.Key(), default);

        Assert.StartsWith("pm_", attached.Id);
        Assert.Equal(("us_bank_account", customer.Id), (attached.Type, attached.CustomerId));
        Assert.Equal(new GatewayBankAccount("STRIPE TEST BANK", "6789", "checking"), attached.BankAccount);
        Assert.Equal(customer.Id, stripe.Fake.Requests[^1].Field("customer"));
        Assert.Equal([attached], await stripe.Gateway.ListPaymentMethodsAsync(Account, customer.Id, "us_bank_account", default));

        var detached = await stripe.Gateway.DetachPaymentMethodAsync(Account, attached.Id, StripeHarness.Key(), default);

        Assert.Null(detached.CustomerId);
        Assert.NotNull(stripe.Fake.Requests[^1].IdempotencyKey);
        Assert.Empty(await stripe.Gateway.ListPaymentMethodsAsync(Account, customer.Id, "us_bank_account", default));
        Assert.Equal(["payment_method.attached", "payment_method.detached"], stripe.Fake.Events.Where(e => e.ObjectId == attached.Id).Select(e => e.Type));
    }

    [Fact]
    public async Task ListPaymentMethods_MoreThanOnePage_FollowsStartingAfter()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var customer = await stripe.Gateway.CreateCustomerAsync(Account, new CreateGatewayCustomer("Riverside Veterinary Clinic", null, new Dictionary<string, string>()), StripeHarness.Key(), default);
        for (var i = 0; i < 101; i++)
        {
            await stripe.Gateway.AttachPaymentMethodAsync(Account, FakeStripeTestPaymentMethods.Visa, customer.Id, StripeHarness.Key(), default);
        }

        var methods = await stripe.Gateway.ListPaymentMethodsAsync(Account, customer.Id, "card", default);

        Assert.Equal(101, methods.Select(m => m.Id).Distinct().Count());
        var lists = stripe.Fake.Requests.Where(r => r.Path.EndsWith("/payment_methods", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lists.Count);
        Assert.Contains("starting_after=", lists[1].Query);
        Assert.Contains("type=card", lists[0].Query);
    }

    [Fact]
    public async Task GetEvent_OfAPaymentIntent_ReadsTheEventAndItsPaymentIntent()
    {
        await using var stripe = await StripeHarness.StartAsync();
        var pi = await stripe.Gateway.CreatePaymentIntentAsync(Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);
        var succeeded = stripe.Fake.Events.Single(e => e.Type == "payment_intent.succeeded");

        var evt = await stripe.Gateway.GetEventAsync(Account, succeeded.Id, default);

        Assert.Equal((succeeded.Id, "payment_intent.succeeded", Account, succeeded.Created), (evt.Id, evt.Type, evt.AccountId, evt.Created));
        AssertSame(pi, evt.PaymentIntent!);
        Assert.Null(evt.SetupIntent);
    }

    [Fact]
    public async Task AnyCall_WhenTheCallerCancels_IsACancellationNotAnOutage()
    {
        await using var stripe = await StripeHarness.StartAsync();
        stripe.Fake.HoldNextAnswers(1, TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stripe.Gateway.GetPaymentIntentAsync(Account, "pi_123", cancel.Token));

        Assert.Single(stripe.Fake.Requests);
    }

    /// <summary>Stripe.net stays behind the port: Application, which declares it, does not reference the SDK.</summary>
    [Fact]
    public void Port_Always_LeavesStripeNetOutOfApplication() =>
        Assert.DoesNotContain(typeof(IPaymentGateway).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Stripe", StringComparison.Ordinal));

    /// <summary>Stripe.net numbers list fields: <c>name[0]=a&amp;name[1]=b</c>.</summary>
    private static IReadOnlyList<string?> List(FakeStripeRequest request, string name) =>
        Enumerable.Range(0, request.Form.Count(f => f.Key.StartsWith(name + "[", StringComparison.Ordinal))).Select(i => request.Field($"{name}[{i}]")).ToList();

    /// <summary>Records compare their metadata dictionaries by reference: compare the contents instead.</summary>
    private static void AssertSame(GatewayPaymentIntent expected, GatewayPaymentIntent actual)
    {
        Assert.Equal(expected, actual with { Metadata = expected.Metadata });
        Assert.Equal(expected.Metadata, actual.Metadata);
    }

    [Fact]
    public void Options_ToString_DoesNotRevealTheSecrets()
    {
        var options = new StripeOptions { SecretKey = "sk_test_51Secret", WebhookSecret = "whsec_Secret" };

        var text = options.ToString();

        Assert.DoesNotContain("Secret", text.Replace("SecretKey", "").Replace("WebhookSecret", ""));
        Assert.Contains("(set)", text);
    }

    [Theory]
    [InlineData("BaseUrl", "http://api.stripe.com")]
    [InlineData("BaseUrl", "not a url")]
    [InlineData("SecretKey", "pk_test_publishable")]
    [InlineData("WebhookSecret", "secret")]
    [InlineData("SecretKey", "sk_test_with space")]
    [InlineData("MaxRetries", "11")]
    [InlineData("TimeoutSeconds", "0")]
    public async Task Startup_WithSettingsThatCannotWork_FailsOptionValidation(string key, string value)
    {
        await using var stripe = await StripeHarness.StartAsync(settings: new Dictionary<string, string?> { [$"Stripe:{key}"] = value });

        var ex = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => stripe.Gateway);

        Assert.Contains($"Stripe:{key}", ex.Message);
    }
}
