using System.Security.Cryptography;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.Infrastructure.Payments.Stripe;
using Microsoft.AspNetCore.Hosting.Server;

namespace HeadlessPortal.Api.Hosting;

internal static class FakeStripeHosting
{
    /// <summary>True in Development (appsettings.Development.json): the API pays against a fake Stripe it starts itself.</summary>
    public const string UseFakeServerKey = "Stripe:UseFakeServer";

    /// <summary>
    /// When <c>Stripe:UseFakeServer</c> is true, runs a <see cref="FakeStripeServer"/> inside this process and points the
    /// Stripe adapter at it (base URL, secret key and webhook secret; configured secrets are kept, missing ones are made
    /// up), and gives front ends its publishable key (<c>Payments:StripePublishableKey</c>, or <see cref="DevelopmentFakeStripe.DemoPublishableKey"/>) for
    /// Stripe.js. The fake delivers its events to this API's own <c>/v1/webhooks/stripe</c> and settles ACH payments by itself
    /// after a few seconds.
    /// </summary>
    public static IServiceCollection AddFakeStripeWhenConfigured(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(UseFakeServerKey))
        {
            return services;
        }

        services.AddSingleton<DevelopmentFakeStripe>();
        services.AddHostedService(sp => sp.GetRequiredService<DevelopmentFakeStripe>());
        services.AddOptions<StripeOptions>().PostConfigure<DevelopmentFakeStripe>((options, fake) =>
        {
            var server = fake.Server;
            options.BaseUrl = server.BaseUrl;
            options.SecretKey = server.SecretKey;
            options.WebhookSecret = server.WebhookSecret;
        });
        services.AddOptions<Application.Payments.PaymentOptions>().PostConfigure<DevelopmentFakeStripe>((options, fake) =>
        {
            options.StripePublishableKey = fake.Server.PublishableKey;
            options.StripeJsUrl = fake.Server.StripeJsUrl;
        });
        return services;
    }
}

/// <summary>The fake Stripe of a development API (see <see cref="DevelopmentFakeServer{TServer}"/>).</summary>
internal sealed partial class DevelopmentFakeStripe(
    IConfiguration configuration, IServer server, ILoggerFactory loggerFactory, ILogger<DevelopmentFakeStripe> logger) : DevelopmentFakeServer<FakeStripeServer>(server)
{
    /// <summary>
    /// The fake's publishable key unless <c>Payments:StripePublishableKey</c> names another: the same on every run, so a
    /// front end can keep it in its development settings. A publishable key is public by design, and this one opens only
    /// the fake's client-side calls.
    /// </summary>
    public const string DemoPublishableKey = "pk_test_headlessportal_demo";

    /// <summary>Long enough to see "processing" in the portal, short enough to wait for "succeeded".</summary>
    private static readonly TimeSpan AchSettlementDelay = TimeSpan.FromSeconds(5);

    protected override FakeStripeServer Start()
    {
        var configuredKey = configuration["Stripe:SecretKey"] is { Length: > 0 } key ? key : null;
        var options = new FakeStripeOptions
        {
            SecretKey = configuredKey ?? "sk_test_fake_" + RandomNumberGenerator.GetHexString(24, lowercase: true),
            PublishableKey = configuration["Payments:StripePublishableKey"] is { Length: > 0 } publishable ? publishable : DemoPublishableKey,
            WebhookSecret = configuration["Stripe:WebhookSecret"] is { Length: > 0 } secret ? secret : "whsec_fake_" + RandomNumberGenerator.GetHexString(32, lowercase: true),
            WebhookTarget = FakeStripeWebhookTarget.ForUrl(WebhookUrl),
            AchSettlement = FakeAchSettlement.Automatic,
            AchSettlementDelay = AchSettlementDelay,
            LoggerFactory = loggerFactory,
        };

        // Kestrel binds a loopback port in a moment; there is no request or synchronization context to block here.
        var started = FakeStripeServer.StartAsync(options).GetAwaiter().GetResult();
        LogStarted(started.BaseUrl, started.BaseUrl + "/_fake", FakeStripeTestPaymentMethods.Visa, FakeStripeTestPaymentMethods.UsBankAccount, started.PublishableKey);
        if (configuredKey is null)
        {
            // A key made up for this run, good for nothing but this fake: shown so the fake can be driven with curl.
            LogMadeUpKey(started.SecretKey);
        }

        return started;
    }

    /// <summary>This API's webhook endpoint, once Kestrel listens (null before: the delivery is tried again later).</summary>
    private string? WebhookUrl() => OwnAddress() is { } address ? address + FakeStripeWebhookTarget.DefaultPath : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe:UseFakeServer is on: payments go to a fake Stripe at {BaseUrl} (control endpoints at {ControlUrl}; " +
        "test methods such as {Card} and {Bank}; publishable key for Stripe.js {PublishableKey}); its events are delivered to this API's /v1/webhooks/stripe")]
    private partial void LogStarted(string baseUrl, string controlUrl, string card, string bank, string publishableKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "The fake Stripe's key for this run (it opens nothing else): {FakeSecretKey}; set Stripe__SecretKey to choose it")]
    private partial void LogMadeUpKey(string fakeSecretKey);
}
