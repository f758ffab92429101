using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HeadlessPortal.FakeStripe;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>The fake Stripe spoken to directly, as a newcomer with curl would: its key check, its strictness and its control endpoints.</summary>
public sealed class FakeStripeServerTests
{
    [Fact]
    public async Task ApiRequest_WithoutTheSecretKey_Answers401InStripesErrorShape()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{fake.BaseUrl}/v1/payment_intents/pi_1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.StartsWith("You did not provide an API key", error["message"]!.GetValue<string>());
        Assert.StartsWith("req_", response.Headers.GetValues("Request-Id").Single());
    }

    [Fact]
    public async Task ApiRequest_WithTheKeyAsCurlSendsIt_IsAccepted()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fake.BaseUrl}/v1/customers") { Content = new FormUrlEncodedContent([new("name", "Pat")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(fake.SecretKey + ":")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("cus_", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishableKey_AsStripeJsSendsIt_ConfirmsTheSetupIntentWhoseClientSecretItHas_AndNothingElse()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var server = Client(fake);
        var customer = JsonNode.Parse(await (await server.PostAsync("/v1/customers", new FormUrlEncodedContent([new("name", "Pat")]))).Content.ReadAsStringAsync())!;
        var setup = JsonNode.Parse(await (await server.PostAsync("/v1/setup_intents", new FormUrlEncodedContent(
            [new("customer", customer["id"]!.GetValue<string>()), new("payment_method_types[0]", "card")]))).Content.ReadAsStringAsync())!;
        var id = setup["id"]!.GetValue<string>();
        using var browser = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        FormUrlEncodedContent Form(string secret, params KeyValuePair<string, string>[] more) =>
            new([new("key", fake.PublishableKey), new("_stripe_account", "acct_1Curl"), new("client_secret", secret), .. more]);

        // The key opens no server-side call, and no intent without its client secret.
        using (var refused = await browser.PostAsync("/v1/customers", new FormUrlEncodedContent([new("key", fake.PublishableKey), new("name", "Mallory")])))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var wrong = await browser.PostAsync($"/v1/setup_intents/{id}/confirm", Form(id + "_secret_wrong", KeyValuePair.Create("payment_method", FakeStripeTestPaymentMethods.Visa))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("client_secret", JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]!["param"]!.GetValue<string>());
        }

        using var confirmed = await browser.PostAsync(
            $"/v1/setup_intents/{id}/confirm", Form(setup["client_secret"]!.GetValue<string>(), KeyValuePair.Create("payment_method", FakeStripeTestPaymentMethods.Visa)));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var confirmedIntent = JsonNode.Parse(await confirmed.Content.ReadAsStringAsync())!;
        Assert.Equal("succeeded", confirmedIntent["status"]!.GetValue<string>());
        Assert.StartsWith("pm_", confirmedIntent["payment_method"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiRequest_WithAnUnknownParameter_Answers400ParameterUnknown()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);

        using var response = await http.PostAsync("/v1/customers", new FormUrlEncodedContent([new("nmae", "Pat")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("parameter_unknown", "nmae"), (error["code"]!.GetValue<string>(), error["param"]!.GetValue<string>()));
    }

    [Fact]
    public async Task IdempotentReplay_AnswersTheFirstResponseMarkedAsReplayed()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);
        async Task<HttpResponseMessage> Create()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = new FormUrlEncodedContent([new("name", "Pat")]) };
            request.Headers.Add("Idempotency-Key", "key-1");
            return await http.SendAsync(request);
        }

        using var first = await Create();
        using var second = await Create();

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(fake.Events);
    }

    [Fact]
    public async Task ControlEndpoints_ScriptFailuresSettlementAndSignaturesWithoutAKey()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);
        using var control = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        Assert.Contains("/_fake/failures", await control.GetStringAsync("/_fake"));

        Assert.Equal(HttpStatusCode.OK, (await control.PostAsync("/_fake/failures?status=503&count=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).StatusCode);

        using var pay = new HttpRequestMessage(HttpMethod.Post, "/v1/payment_intents")
        {
            Content = new FormUrlEncodedContent([
                new("amount", "4800"), new("currency", "usd"), new("payment_method", FakeStripeTestPaymentMethods.UsBankAccount), new("payment_method_types[]", "us_bank_account"),
                new("confirm", "true"), new("mandate_data[customer_acceptance][type]", "online"),
                new("mandate_data[customer_acceptance][online][ip_address]", "203.0.113.7"), new("mandate_data[customer_acceptance][online][user_agent]", "curl")]),
        };
        var pi = JsonNode.Parse(await (await http.SendAsync(pay)).Content.ReadAsStringAsync())!;
        Assert.Equal("processing", pi["status"]!.GetValue<string>());
        var settled = JsonNode.Parse(await (await control.PostAsync($"/_fake/payment_intents/{pi["id"]}/settle?outcome=failed", null)).Content.ReadAsStringAsync())!;
        Assert.Equal("requires_payment_method", settled["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await control.PostAsync($"/_fake/payment_intents/{pi["id"]}/settle", null)).StatusCode);

        var events = JsonNode.Parse(await control.GetStringAsync("/_fake/events?type=payment_intent.payment_failed"))!["data"]!.AsArray();
        Assert.Single(events);

        var body = Encoding.UTF8.GetBytes("""{"id":"evt_tampered"}""");
        var signed = JsonNode.Parse(await (await control.PostAsync("/_fake/signature?timestamp=1763650000", new ByteArrayContent(body))).Content.ReadAsStringAsync())!;
        Assert.Equal(FakeStripeServer.SignatureHeader(fake.WebhookSecret, 1763650000, body), signed["header"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThreeDSecurePage_WithAReturnUrl_CompletesAndRedirectsBackToTheShop()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);
        var pi = JsonNode.Parse(await (await http.PostAsync("/v1/payment_intents", new FormUrlEncodedContent([
            new("amount", "2500"), new("currency", "usd"), new("payment_method", FakeStripeTestPaymentMethods.ThreeDSecureRequired), new("confirm", "true"),
            new("return_url", "https://portal.example/pay/return")]))).Content.ReadAsStringAsync())!;
        var page = pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        Assert.Contains("Complete authentication", await browser.GetStringAsync(page));

        using var response = await browser.PostAsync($"{fake.BaseUrl}/_fake/payment_intents/{pi["id"]}/authenticate?redirect=true", null);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith($"https://portal.example/pay/return?payment_intent={pi["id"]}&payment_intent_client_secret=", response.Headers.Location!.ToString());
        Assert.EndsWith("redirect_status=succeeded", response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Expand_AsStripeNetAsksForIt_AnswersTheObjectInPlaceOfItsId()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        var stripe = new Stripe.StripeClient(new Stripe.StripeClientOptions { ApiKey = fake.SecretKey, ApiBase = fake.BaseUrl });
        var account = new Stripe.RequestOptions { StripeAccount = "acct_1Expand" };
        var service = new Stripe.PaymentIntentService(stripe);
        var created = await service.CreateAsync(
            new Stripe.PaymentIntentCreateOptions { Amount = 2500, Currency = "usd", PaymentMethod = FakeStripeTestPaymentMethods.Visa, Confirm = true }, account);

        var expanded = await service.GetAsync(created.Id, new Stripe.PaymentIntentGetOptions { Expand = ["payment_method"] }, account);

        Assert.Null(created.PaymentMethod);
        Assert.Equal(created.PaymentMethodId, expanded.PaymentMethodId);
        Assert.Equal(("visa", "4242"), (expanded.PaymentMethod.Card.Brand, expanded.PaymentMethod.Card.Last4));
        Assert.Contains("expand[0]=payment_method", Uri.UnescapeDataString(Assert.Single(fake.Requests, r => r.Method == "GET").Query));
    }

    private static HttpClient Client(FakeStripeServer fake)
    {
        var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fake.SecretKey);
        http.DefaultRequestHeaders.Add("Stripe-Account", "acct_1Curl");
        return http;
    }
}
