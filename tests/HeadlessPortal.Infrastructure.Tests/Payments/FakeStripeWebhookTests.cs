using System.Collections.Concurrent;
using System.Net;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.FakeStripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>The fake's webhook deliveries read by our webhook reader: the two agree on Stripe's signature scheme end to end.</summary>
public sealed class FakeStripeWebhookTests
{
    [Fact]
    public async Task AutomaticDelivery_OfEveryEvent_IsAcceptedByTheWebhookReader()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var stripe = await StripeHarness.StartAsync(o => o.WebhookTarget = FakeStripeWebhookTarget.ForUrl(() => receiver.Url));
        receiver.Reader = stripe.WebhookReader;

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(StripeHarness.Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);
        foreach (var evt in stripe.Fake.Events)
        {
            Assert.Equal(200, (await stripe.Fake.WaitForDeliveryAsync(evt.Id)).StatusCode);
        }

        Assert.Equal(["payment_intent.created", "payment_intent.succeeded"], receiver.Accepted.Select(e => e.Type));
        Assert.All(receiver.Accepted, e => Assert.Equal((pi.Id, StripeHarness.Account), (e.PaymentIntent!.Id, e.AccountId)));
        Assert.Empty(receiver.Refused);
    }

    [Fact]
    public async Task ResendEvent_DeliversTheSameEventAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var stripe = await StripeHarness.StartAsync(o =>
        {
            o.WebhookTarget = FakeStripeWebhookTarget.ForUrl(() => receiver.Url);
            o.DeliverEventsAutomatically = false;
        });
        receiver.Reader = stripe.WebhookReader;
        await stripe.Gateway.CreatePaymentIntentAsync(StripeHarness.Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);
        var succeeded = stripe.Fake.Events.Single(e => e.Type == "payment_intent.succeeded");
        Assert.Empty(stripe.Fake.Deliveries);

        stripe.Fake.ResendEvent(succeeded.Id);
        stripe.Fake.ResendEvent(succeeded.Id);
        await WaitUntilAsync(() => receiver.Accepted.Count == 2);

        Assert.All(receiver.Accepted, e => Assert.Equal(succeeded.Id, e.Id));
    }

    [Fact]
    public async Task Delivery_WhenTheTargetFails_IsRetriedAndRecorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 2;
        await using var stripe = await StripeHarness.StartAsync(o => o.WebhookTarget = FakeStripeWebhookTarget.ForUrl(() => receiver.Url));
        receiver.Reader = stripe.WebhookReader;

        await stripe.Gateway.CreateCustomerAsync(StripeHarness.Account, new CreateGatewayCustomer("Pat", null, new Dictionary<string, string>()), StripeHarness.Key(), default);
        var created = Assert.Single(stripe.Fake.Events);
        await WaitUntilAsync(() => stripe.Fake.Deliveries.Any(d => d.Succeeded));

        Assert.Equal([(1, 500), (2, 500), (3, 200)], stripe.Fake.Deliveries.Where(d => d.EventId == created.Id).Select(d => (d.Attempt, d.StatusCode ?? 0)));
    }

    [Fact]
    public async Task Delivery_WhileTheTargetIsUnknown_FailsHarmlesslyAndGivesUp()
    {
        await using var stripe = await StripeHarness.StartAsync(o =>
        {
            o.WebhookTarget = FakeStripeWebhookTarget.ForUrl(() => null);
            o.MaxDeliveryAttempts = 2;
            o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(10);
        });

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(StripeHarness.Account, StripeHarness.Card(FakeStripeTestPaymentMethods.Visa), StripeHarness.Key(), default);
        await WaitUntilAsync(() => stripe.Fake.Deliveries.Count == 4);

        Assert.Equal("succeeded", pi.Status);
        Assert.All(stripe.Fake.Deliveries, d => Assert.Equal((null, "the webhook target is not known yet"), (d.StatusCode, d.Error)));
    }

    [Fact]
    public async Task AutomaticAchSettlement_SettlesAfterTheDelayAndDeliversTheOutcome()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var stripe = await StripeHarness.StartAsync(o =>
        {
            o.WebhookTarget = FakeStripeWebhookTarget.ForUrl(() => receiver.Url);
            o.AchSettlement = FakeAchSettlement.Automatic;
            o.AchSettlementDelay = TimeSpan.FromMilliseconds(200);
        });
        receiver.Reader = stripe.WebhookReader;

        var pi = await stripe.Gateway.CreatePaymentIntentAsync(StripeHarness.Account, StripeHarness.Bank(FakeStripeTestPaymentMethods.UsBankAccount), StripeHarness.Key(), default);
        Assert.Equal("processing", pi.Status);
        await WaitUntilAsync(() => receiver.Accepted.Any(e => e.Type == "payment_intent.succeeded"));

        Assert.Equal(["payment_intent.created", "payment_intent.processing", "payment_intent.succeeded"], receiver.Accepted.Select(e => e.Type));
        Assert.Equal("succeeded", (await stripe.Gateway.GetPaymentIntentAsync(StripeHarness.Account, pi.Id, default)).Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    /// <summary>A webhook endpoint on the loopback interface that reads each request with the webhook reader, as the API will.</summary>
    private sealed class WebhookReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<GatewayEvent> _accepted = new();
        private readonly ConcurrentQueue<string> _refused = new();
        private int _failed;

        private WebhookReceiver(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + FakeStripeWebhookTarget.DefaultPath;

        public IPaymentWebhookReader? Reader { get; set; }

        public int FailFirst { get; set; }

        public IReadOnlyList<GatewayEvent> Accepted => [.. _accepted];

        public IReadOnlyList<string> Refused => [.. _refused];

        public static async Task<WebhookReceiver> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new WebhookReceiver(app);
            app.Run(receiver.HandleAsync);
            await app.StartAsync();
            return receiver;
        }

        private async Task HandleAsync(HttpContext context)
        {
            if (Interlocked.Increment(ref _failed) <= FailFirst)
            {
                context.Response.StatusCode = 500;
                return;
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var result = Reader!.Read(body.ToArray(), context.Request.Headers["Stripe-Signature"].ToString());
            if (result.Event is { } evt)
            {
                _accepted.Enqueue(evt);
            }
            else
            {
                _refused.Enqueue(result.Failure!);
            }

            context.Response.StatusCode = result.Event is null ? 400 : 200;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
