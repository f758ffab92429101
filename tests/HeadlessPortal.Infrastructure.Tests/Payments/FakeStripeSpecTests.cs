using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HeadlessPortal.FakeStripe;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>
/// The fake's answers against Stripe.net's model of Stripe's objects (<see cref="StripeModel"/>), so the shapes the SDK
/// reads in tests and in the demo are Stripe's own: every object of a card payment, a declined one, one needing 3-D Secure, a bank debit, a saved
/// method, the events they made, and errors.
/// </summary>
public sealed class FakeStripeSpecTests
{
    private const string Account = "acct_1SpecCheck";

    [Fact]
    public async Task PaymentIntents_OfEveryOutcome_FitTheDescription()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);

        var paid = await OkAsync(await PayAsync(http, FakeStripeTestPaymentMethods.Visa));
        var threeDSecure = await OkAsync(await PayAsync(http, FakeStripeTestPaymentMethods.ThreeDSecureRequired, ("return_url", "https://portal.example/return")));
        var bank = await OkAsync(await PayAsync(http, FakeStripeTestPaymentMethods.UsBankAccount, ("allowed_payment_method_types[0]", "us_bank_account"),
            ("mandate_data[customer_acceptance][type]", "online"), ("mandate_data[customer_acceptance][online][ip_address]", "203.0.113.7"),
            ("mandate_data[customer_acceptance][online][user_agent]", "Mozilla/5.0")));
        var settledFailed = fake.SettleBankPayment(bank["id"]!.GetValue<string>(), succeed: false);
        var canceled = await OkAsync(await http.PostAsync($"/v1/payment_intents/{threeDSecure["id"]}/cancel", Form(("cancellation_reason", "abandoned"))));

        Assert.Equal(["succeeded", "requires_action", "processing", "requires_payment_method", "canceled"],
            new[] { paid, threeDSecure, bank, settledFailed, canceled }.Select(pi => pi["status"]!.GetValue<string>()));
        Assert.All(new[] { paid, threeDSecure, bank, settledFailed, canceled }, pi => Assert.Empty(StripeModel.Problems(pi, "payment_intent")));
        Assert.NotNull(threeDSecure["next_action"]);
        Assert.NotNull(settledFailed["last_payment_error"]);
    }

    [Fact]
    public async Task Decline_AnswersAnErrorOfTheDescriptionWithThePaymentIntentAndMethod()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);

        using var response = await PayAsync(http, FakeStripeTestPaymentMethods.ChargeDeclined);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(StripeModel.Problems(body, "error"));
        Assert.Equal(("card_error", "generic_decline"), (body!["error"]!["type"]!.GetValue<string>(), body["error"]!["decline_code"]!.GetValue<string>()));
        Assert.NotNull(body["error"]!["payment_intent"]!["last_payment_error"]);
    }

    [Fact]
    public async Task Errors_OfAKeyAnUnknownObjectAndAParameter_FitTheDescription()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);
        using var anonymous = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };

        using var unauthorized = await anonymous.GetAsync("/v1/payment_intents/pi_1");
        using var missing = await http.GetAsync("/v1/payment_intents/pi_1NoSuchIntent");
        using var tooSmall = await http.PostAsync("/v1/payment_intents", Form(("amount", "10"), ("currency", "usd")));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.BadRequest], new[] { unauthorized.StatusCode, missing.StatusCode, tooSmall.StatusCode });
        foreach (var response in new[] { unauthorized, missing, tooSmall })
        {
            Assert.Empty(StripeModel.Problems(JsonNode.Parse(await response.Content.ReadAsStringAsync()), "error"));
        }
    }

    [Fact]
    public async Task SavedMethods_CustomerSetupIntentAndMethods_FitTheDescription()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);

        var customer = await OkAsync(await http.PostAsync("/v1/customers", Form(("name", "Pat Thompson"), ("metadata[customer_id]", "c-1"))));
        var setup = await OkAsync(await http.PostAsync("/v1/setup_intents", Form(
            ("customer", customer["id"]!.GetValue<string>()), ("allowed_payment_method_types[0]", "card"), ("allowed_payment_method_types[1]", "us_bank_account"))));
        var confirmed = await OkAsync(await http.PostAsync($"/v1/setup_intents/{setup["id"]}/confirm", Form(("payment_method", FakeStripeTestPaymentMethods.Visa))));
        var card = await OkAsync(await http.GetAsync($"/v1/payment_methods/{confirmed["payment_method"]}"));
        var bank = await OkAsync(await http.PostAsync($"/v1/payment_methods/{FakeStripeTestPaymentMethods.UsBankAccount}/attach", Form(("customer", customer["id"]!.GetValue<string>()))));

        Assert.Empty(StripeModel.Problems(customer, "customer"));
        Assert.All(new[] { setup, confirmed }, si => Assert.Empty(StripeModel.Problems(si, "setup_intent")));
        Assert.All(new[] { card, bank }, pm => Assert.Empty(StripeModel.Problems(pm, "payment_method")));
        Assert.Equal("succeeded", confirmed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_OfEveryKindTheFakeMakes_FitTheDescriptionWithTheirObjects()
    {
        await using var fake = await FakeStripeServer.StartAsync();
        using var http = Client(fake);
        await OkAsync(await PayAsync(http, FakeStripeTestPaymentMethods.Visa));
        (await PayAsync(http, FakeStripeTestPaymentMethods.ChargeDeclined)).Dispose();
        var customer = await OkAsync(await http.PostAsync("/v1/customers", Form(("name", "Pat"))));
        await OkAsync(await http.PostAsync($"/v1/payment_methods/{FakeStripeTestPaymentMethods.Visa}/attach", Form(("customer", customer["id"]!.GetValue<string>()))));
        using var platform = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        platform.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fake.SecretKey);
        await OkAsync(await platform.PostAsync("/v1/customers", Form(("name", "The platform's own"))));

        var events = fake.Events.Select(e => JsonNode.Parse(e.Json)!).ToList();

        Assert.Contains(events, e => e["account"] is null);
        Assert.All(events, e =>
        {
            Assert.Empty(StripeModel.Problems(e, "event"));
            var obj = e["data"]!["object"]!;
            Assert.Empty(StripeModel.Problems(obj, obj["object"]!.GetValue<string>()));
        });
    }

    [Fact]
    public void StripeModel_WhenAnAnswerHasAnInventedFieldOrTheWrongObject_NamesIt()
    {
        var answer = JsonNode.Parse("""{ "id": "pi_1", "object": "payment_intent", "amount": 100, "last_payment_error": { "code": "x", "decline_cod": "y" } }""");

        Assert.Equal(["payment_intent.last_payment_error.decline_cod is not a field of StripeError"], StripeModel.Problems(answer, "payment_intent"));
        Assert.Contains("setup_intent.object is 'payment_intent'", StripeModel.Problems(answer, "setup_intent"));
    }

    private static HttpClient Client(FakeStripeServer fake)
    {
        var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fake.SecretKey);
        http.DefaultRequestHeaders.Add("Stripe-Account", Account);
        return http;
    }

    private static Task<HttpResponseMessage> PayAsync(HttpClient http, string paymentMethod, params (string Key, string Value)[] more) =>
        http.PostAsync("/v1/payment_intents", Form([("amount", "12500"), ("currency", "usd"), ("payment_method", paymentMethod), ("confirm", "true"), .. more]));

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return JsonNode.Parse(body)!.AsObject();
        }
    }
}
