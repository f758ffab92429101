using Microsoft.Extensions.Logging;

namespace HeadlessPortal.FakeStripe;

/// <summary>How a <see cref="FakeStripeServer"/> behaves.</summary>
public sealed class FakeStripeOptions
{
    /// <summary>
    /// The secret key requests must carry (<c>Authorization: Bearer sk_...</c>, or as the basic-auth user name as curl's
    /// <c>-u sk_...:</c> sends it). Requests without it answer 401 in Stripe's error shape.
    /// </summary>
    public string SecretKey { get; set; } = "sk_test_fake_" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The publishable key (<c>pk_test_...</c>) a front end hands Stripe.js. As at Stripe, it may only read and confirm the
    /// PaymentIntent or SetupIntent whose <c>client_secret</c> it sends (as <c>key=</c> in the form, as Stripe.js sends it,
    /// or as the bearer or basic-auth key); anything else answers 401.
    /// </summary>
    public string PublishableKey { get; set; } = "pk_test_fake_" + Guid.NewGuid().ToString("N");

    /// <summary>The signing secret of the webhook endpoint (<c>whsec_...</c>) the events are signed with.</summary>
    public string WebhookSecret { get; set; } = "whsec_fake_" + Guid.NewGuid().ToString("N");

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Where events are delivered; null delivers nothing (events can still be read and re-sent).</summary>
    public FakeStripeWebhookTarget? WebhookTarget { get; set; }

    /// <summary>Deliver every new event to <see cref="WebhookTarget"/> as it happens (otherwise only re-sent events are delivered).</summary>
    public bool DeliverEventsAutomatically { get; set; } = true;

    /// <summary>Delivery attempts per event before the server gives up on it (Stripe keeps trying for days; tests do not).</summary>
    public int MaxDeliveryAttempts { get; set; } = 4;

    /// <summary>The wait before the second delivery attempt of an event; each later wait doubles.</summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When bank (ACH) payments leave <c>processing</c>: when told to, or by themselves after <see cref="AchSettlementDelay"/>.</summary>
    public FakeAchSettlement AchSettlement { get; set; } = FakeAchSettlement.Manual;

    /// <summary>How long an ACH payment stays <c>processing</c> when <see cref="AchSettlement"/> is automatic.</summary>
    public TimeSpan AchSettlementDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Quote the full secret key in the message of every error answer, as Stripe quotes (part of) a key in some of its
    /// messages: lets tests prove a client never passes Stripe's messages on.
    /// </summary>
    public bool EchoSecretKeyInErrors { get; set; }

    /// <summary>
    /// The <c>api_version</c> written into events: by default the one of the Stripe.net this fake is built with, which
    /// Stripe.net's webhook check (<c>EventUtility.ConstructEvent</c>) requires, as a webhook endpoint set to that version
    /// in Stripe's Dashboard would send.
    /// </summary>
    public string ApiVersion { get; set; } = global::Stripe.StripeConfiguration.ApiVersion;

    /// <summary>Timestamps of objects, events and signatures, and the delays of settlement and delivery retries.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the server logs failed deliveries and the like; nothing is logged without one.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}

/// <summary>When ACH payments settle.</summary>
public enum FakeAchSettlement
{
    /// <summary>Only when told to (<see cref="FakeStripeServer.SettleBankPayment"/>, or <c>POST /_fake/payment_intents/{id}/settle</c>).</summary>
    Manual,

    /// <summary>By themselves, <see cref="FakeStripeOptions.AchSettlementDelay"/> after they started processing.</summary>
    Automatic,
}

/// <summary>
/// Where a <see cref="FakeStripeServer"/> POSTs its events. Both kinds are resolved at each delivery, so the target can
/// come into being after the server (a web host that is configured with the server's URL, say); while it resolves to
/// null a delivery fails and is retried.
/// </summary>
public sealed class FakeStripeWebhookTarget
{
    private FakeStripeWebhookTarget(Func<string?>? url, Func<HttpClient?>? client, string path)
    {
        Url = url;
        Client = client;
        Path = path;
    }

    /// <summary>The path the webhook endpoint is mapped at (the portal's is <c>/v1/webhooks/stripe</c>).</summary>
    public const string DefaultPath = "/v1/webhooks/stripe";

    internal Func<string?>? Url { get; }

    internal Func<HttpClient?>? Client { get; }

    internal string Path { get; }

    /// <summary>POST to the absolute URL the function gives (with a client of the server's own).</summary>
    public static FakeStripeWebhookTarget ForUrl(Func<string?> url) => new(url, null, "");

    /// <summary>POST to <paramref name="path"/> through the client the function gives (an in-memory test server's client, say).</summary>
    public static FakeStripeWebhookTarget ForClient(Func<HttpClient?> client, string path = DefaultPath) => new(null, client, path);
}
