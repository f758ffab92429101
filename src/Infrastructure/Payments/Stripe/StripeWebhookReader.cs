using System.Text;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Payments;
using Microsoft.Extensions.Options;
using Stripe;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// Verifies Stripe's webhook signatures with Stripe.net (<see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>:
/// HMAC-SHA256 of <c>"&lt;t&gt;." + raw body</c> keyed with the endpoint's secret, any matching <c>v1</c>, constant-time,
/// <c>t</c> within the tolerance of our clock either way), then reads the event. What stays ours: a reason for every
/// refusal, and the API version check done apart from the signature, so a webhook endpoint set to another version is told
/// apart from a forgery.
/// </summary>
internal sealed class StripeWebhookReader(IOptions<StripeOptions> options, IClock clock) : IPaymentWebhookReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public WebhookReadResult Read(ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        var settings = options.Value;
        var secret = settings.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Refused(StripeWebhookFailures.NotConfigured);
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return Refused(StripeWebhookFailures.MissingSignature);
        }

        string json;
        try
        {
            // Stripe.net signs the string's UTF-8 bytes: only a faithful decoding gives back the bytes Stripe signed.
            json = StrictUtf8.GetString(rawBody);
        }
        catch (DecoderFallbackException)
        {
            return Refused(StripeWebhookFailures.BadSignature);
        }

        var now = clock.UtcNow.ToUnixTimeSeconds();
        Event? evt;
        try
        {
            evt = EventUtility.ConstructEvent(json, signatureHeader, secret, settings.WebhookToleranceSeconds, now, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return Refused(SignedButOutsideTolerance(json, signatureHeader, secret, now)
                ? StripeWebhookFailures.TimestampOutsideTolerance
                : StripeWebhookFailures.BadSignature);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // Authentic (the signature was checked first), but not an event Stripe.net can read (JSON that is not an object, say).
            return Refused(StripeWebhookFailures.MalformedEvent);
        }

        if (evt is null)
        {
            return Refused(StripeWebhookFailures.MalformedEvent);
        }

        if (evt.ApiVersion is null || !EventUtility.IsCompatibleApiVersion(evt.ApiVersion))
        {
            return Refused(StripeWebhookFailures.ApiVersionMismatch);
        }

        try
        {
            return new WebhookReadResult(evt.ToGateway(), null);
        }
        catch (InvalidDataException)
        {
            return Refused(StripeWebhookFailures.MalformedEvent);
        }
    }

    /// <summary>Whether the signature matches once the time is left out: then only the time was wrong.</summary>
    private static bool SignedButOutsideTolerance(string json, string signatureHeader, string secret, long now)
    {
        try
        {
            EventUtility.ValidateSignature(json, signatureHeader, secret, long.MaxValue, now);
            return true;
        }
        catch (Exception ex) when (ex is StripeException or FormatException or OverflowException)
        {
            return false;
        }
    }

    private static WebhookReadResult Refused(string reason) => new(null, reason);
}

/// <summary>Why <see cref="StripeWebhookReader"/> refused a request (<see cref="WebhookReadResult.Failure"/>).</summary>
internal static class StripeWebhookFailures
{
    /// <summary>No webhook signing secret is configured: no request can be authentic.</summary>
    public const string NotConfigured = "not_configured";

    /// <summary>No <c>Stripe-Signature</c> header.</summary>
    public const string MissingSignature = "missing_signature";

    /// <summary>The header is malformed, or no <c>v1</c> signature matches the body and the secret.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>Correctly signed, but the signed time is too far from now (a replay, or a clock far off).</summary>
    public const string TimestampOutsideTolerance = "timestamp_outside_tolerance";

    /// <summary>
    /// Authentic, but of an API version whose shapes Stripe.net does not read (the webhook endpoint's version in Stripe's
    /// Dashboard must match <c>Stripe.StripeConfiguration.ApiVersion</c>).
    /// </summary>
    public const string ApiVersionMismatch = "api_version_mismatch";

    /// <summary>Authentic, but not an event this adapter can read.</summary>
    public const string MalformedEvent = "malformed_event";
}
