using System.Text;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.Infrastructure.Payments.Stripe;
using HeadlessPortal.Infrastructure.Tests.Messaging;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>
/// Stripe's webhook signature scheme as our reader applies it through Stripe.net, checked byte for byte, the reason given
/// for each refusal, and the events read after it. Bodies carry <c>{api}</c> where the event's API version goes.
/// </summary>
public sealed class StripeWebhookReaderTests
{
    private const string Secret = "whsec_test_0123456789abcdefghij";

    private const string PaymentIntentEvent = """
        {
          "id": "evt_1Q0PaymentSucceeded",
          "object": "event",
          "account": "acct_1TestPlumbingCo",
          "api_version": "{api}",
          "created": 1763650000,
          "data": {
            "object": {
              "id": "pi_3Q0Thompson",
              "object": "payment_intent",
              "amount": 12500,
              "currency": "usd",
              "status": "succeeded",
              "client_secret": "pi_3Q0Thompson_secret_abc",
              "payment_method": "pm_1Q0Visa",
              "metadata": { "payment_id": "0199a1b2-0000-7000-8000-000000000001", "tenant_id": "0199a1b2-0000-7000-8000-0000000000aa" },
              "last_payment_error": null
            }
          },
          "livemode": false,
          "type": "payment_intent.succeeded"
        }
        """;

    private readonly TestClock _clock = new();

    private StripeWebhookReader Reader(string? secret = Secret, int toleranceSeconds = 300) =>
        new(Options.Create(new StripeOptions { WebhookSecret = secret, WebhookToleranceSeconds = toleranceSeconds }), _clock);

    private long Now => _clock.UtcNow.ToUnixTimeSeconds();

    private static byte[] Body(string json = PaymentIntentEvent) => Encoding.UTF8.GetBytes(json.Replace("{api}", Stripe.StripeConfiguration.ApiVersion));

    private static string Sign(byte[] body, long timestamp, string secret = Secret) => FakeStripeServer.SignatureHeader(secret, timestamp, body);

    [Fact]
    public void Read_WhenSignedWithTheSecret_ReturnsTheEventAndItsPaymentIntent()
    {
        var body = Body();

        var result = Reader().Read(body, Sign(body, Now));

        Assert.Null(result.Failure);
        var evt = result.Event!;
        Assert.Equal(("evt_1Q0PaymentSucceeded", "payment_intent.succeeded", "acct_1TestPlumbingCo"), (evt.Id, evt.Type, evt.AccountId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763650000), evt.Created);
        var pi = evt.PaymentIntent!;
        Assert.Equal(("pi_3Q0Thompson", "succeeded", 12500L, "usd", "pm_1Q0Visa"), (pi.Id, pi.Status, pi.Amount, pi.Currency, pi.PaymentMethodId));
        Assert.Equal("0199a1b2-0000-7000-8000-000000000001", pi.Metadata["payment_id"]);
        Assert.Null(evt.SetupIntent);
    }

    [Fact]
    public void Read_TheSignatureOfTheDocumentedScheme_IsHexHmacSha256OfTimestampDotBody()
    {
        var body = Body();
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"{Now}."), .. body]));

        var result = Reader().Read(body, $"t={Now},v1={expected}");

        Assert.Null(result.Failure);
    }

    [Fact]
    public void Read_ASetupIntentEvent_ReturnsTheSetupIntent()
    {
        var body = Body("""
            {"id":"evt_1","object":"event","api_version":"{api}","created":1763650000,"type":"setup_intent.succeeded",
             "data":{"object":{"id":"seti_1","object":"setup_intent","status":"succeeded","customer":"cus_1","payment_method":"pm_1","client_secret":"seti_1_secret_x","metadata":{}}}}
            """);

        var evt = Reader().Read(body, Sign(body, Now)).Event!;

        Assert.Null(evt.AccountId);
        Assert.Null(evt.PaymentIntent);
        Assert.Equal(("seti_1", "succeeded", "cus_1", "pm_1"), (evt.SetupIntent!.Id, evt.SetupIntent.Status, evt.SetupIntent.CustomerId, evt.SetupIntent.PaymentMethodId));
    }

    [Fact]
    public void Read_AnEventAboutAnotherObject_ReturnsTheEventWithoutIntents()
    {
        var body = Body("""{"id":"evt_2","object":"event","api_version":"{api}","created":1763650000,"type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge"}}}""");

        var result = Reader().Read(body, Sign(body, Now));

        Assert.Equal("charge.refunded", result.Event!.Type);
        Assert.Null(result.Event.PaymentIntent);
        Assert.Null(result.Event.SetupIntent);
    }

    [Fact]
    public void Read_WithTwoV1SignaturesOneRight_Accepts()
    {
        var body = Body();
        var right = Sign(body, Now).Split(",v1=")[1];

        var result = Reader().Read(body, $"t={Now},v1={new string('0', 64)},v1={right},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39");

        Assert.Null(result.Failure);
        Assert.NotNull(result.Event);
    }

    [Fact]
    public void Read_WithOnlyAV0Signature_RefusesAsBadSignature()
    {
        var body = Body();
        var value = Sign(body, Now).Split(",v1=")[1];

        Assert.Equal("bad_signature", Reader().Read(body, $"t={Now},v0={value}").Failure);
    }

    [Fact]
    public void Read_SignedWithAnotherSecret_RefusesAsBadSignature()
    {
        var body = Body();

        var result = Reader().Read(body, Sign(body, Now, "whsec_someone_else"));

        Assert.Equal((null, "bad_signature"), (result.Event, result.Failure));
    }

    [Fact]
    public void Read_WhenTheBodyWasChanged_RefusesAsBadSignature()
    {
        var header = Sign(Body(), Now);
        var changed = Body(PaymentIntentEvent.Replace("12500", "125"));

        Assert.Equal("bad_signature", Reader().Read(changed, header).Failure);
    }

    [Fact]
    public void Read_WhenTheTimestampWasChanged_RefusesAsBadSignature()
    {
        var body = Body();
        var signature = Sign(body, Now - 1000).Split(",v1=")[1];

        Assert.Equal("bad_signature", Reader().Read(body, $"t={Now},v1={signature}").Failure);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Read_WhenTheSignedTimeIsOutsideTheTolerance_RefusesEvenIfCorrectlySigned(int offsetSeconds)
    {
        var body = Body();

        Assert.Equal("timestamp_outside_tolerance", Reader().Read(body, Sign(body, Now + offsetSeconds)).Failure);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void Read_WhenTheSignedTimeIsWithinTheTolerance_Accepts(int offsetSeconds)
    {
        var body = Body();

        Assert.Null(Reader().Read(body, Sign(body, Now + offsetSeconds)).Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Read_WithoutASignatureHeader_RefusesAsMissingSignature(string? header) =>
        Assert.Equal("missing_signature", Reader().Read(Body(), header).Failure);

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=,v1=")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1763650000")]
    [InlineData("t=1763650000,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1763650000,v1=00")]
    public void Read_WithAMalformedSignatureHeader_RefusesAsBadSignature(string header) =>
        Assert.Equal("bad_signature", Reader().Read(Body(), header).Failure);

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"object":"event","api_version":"{api}","type":"payment_intent.succeeded","created":1,"data":{"object":{}}}""")]
    [InlineData("""{"id":"evt_1","api_version":"{api}","type":"payment_intent.succeeded","created":1}""")]
    [InlineData("""{"id":"evt_1","api_version":"{api}","type":"payment_intent.succeeded","created":1,"data":{"object":{"object":"payment_intent","id":"pi_1"}}}""")]
    [InlineData("""{"id":"evt_1","api_version":"{api}","type":"payment_intent.succeeded","data":{"object":{}}}""")]
    public void Read_AnAuthenticBodyThatIsNotAReadableEvent_RefusesAsMalformedEvent(string json)
    {
        var body = Body(json);

        var result = Reader().Read(body, Sign(body, Now));

        Assert.Equal((null, "malformed_event"), (result.Event, result.Failure));
    }

    /// <summary>A webhook endpoint left on an older version in Stripe's Dashboard: authentic, but not in the shapes Stripe.net reads.</summary>
    [Theory]
    [InlineData("2024-06-20")]
    [InlineData("2024-06-20.acacia")]
    [InlineData(null)]
    public void Read_AnAuthenticEventOfAnotherApiVersion_RefusesAsApiVersionMismatch(string? version)
    {
        var json = version is null ? PaymentIntentEvent.Replace("""  "api_version": "{api}",""", "") : PaymentIntentEvent.Replace("{api}", version);
        var body = Body(json);

        var result = Reader().Read(body, Sign(body, Now));

        Assert.Equal((null, "api_version_mismatch"), (result.Event, result.Failure));
    }

    [Fact]
    public void Read_WhenNoWebhookSecretIsConfigured_RefusesEverything()
    {
        var body = Body();

        Assert.Equal("not_configured", Reader(secret: null).Read(body, Sign(body, Now)).Failure);
    }
}
