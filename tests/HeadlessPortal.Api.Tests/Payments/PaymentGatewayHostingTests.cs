using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>The payment gateway as the API host composes it: against a fake Stripe, and without Stripe configured.</summary>
[Collection(ApiCollection.Payments)]
public sealed class PaymentGatewayHostingTests(ApiHosts hosts)
{
    [Fact]
    public async Task Gateway_InAHostPointedAtTheFakeStripe_CreatesAPaymentIntentAndTheEventsReachTheHost()
    {
        await using var stripe = await FakeStripeFixture.StartAsync();
        var factory = stripe.CreateFactory(await TestDatabase.CreateAsync(TestDb.Sqlite));
        using var scope = factory.Services.CreateScope();
        var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGateway>();

        var pi = await gateway.CreatePaymentIntentAsync("acct_1DemoHvac", new CreateGatewayPaymentIntent(
            18_950, "usd", FakeStripeTestPaymentMethods.Visa, "card", null, "Invoice 1042", new Dictionary<string, string> { ["payment_id"] = "p-1" }, null, null),
            "payment-p-1", default);

        Assert.Equal("succeeded", pi.Status);
        var sent = Assert.Single(stripe.Server.Requests);
        Assert.Equal(("acct_1DemoHvac", "payment-p-1"), (sent.StripeAccount, sent.IdempotencyKey));

        // Each event reached the host over its in-memory client (whatever the webhook endpoint answers).
        foreach (var evt in stripe.Server.Events)
        {
            Assert.NotNull((await stripe.Server.WaitForDeliveryAsync(evt.Id)).StatusCode);
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Gateway_InAHostWithoutStripeSettings_StartsAndRefusesEveryCallAsNotConfigured(TestDb engine)
    {
        using var scope = hosts[engine].Services.CreateScope();
        var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGateway>();

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.GetPaymentIntentAsync("acct_1", "pi_1", default));

        Assert.Equal(PaymentGatewayErrorKind.Authentication, ex.Kind);
        Assert.Equal("not_configured", scope.ServiceProvider.GetRequiredService<IPaymentWebhookReader>().Read("{}"u8, "t=1,v1=00").Failure);
    }
}
