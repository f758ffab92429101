using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Payments;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// Verifies Stripe's webhook signatures as Stripe documents them, then reads the event. The header is
/// <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;...][,v0=...]</c>; the expected signature is the
/// lowercase hex HMAC-SHA256 of <c>"&lt;t&gt;." + raw body</c> keyed with the UTF-8 bytes of the endpoint's signing secret.
/// Any matching <c>v1</c> accepts (Stripe sends several while a secret is being rolled); other schemes are ignored.
/// Comparison is constant-time, and the timestamp must be within the tolerance of now, either way, so a captured
/// request cannot be replayed later.
/// </summary>
internal sealed class StripeWebhookReader(IOptions<StripeOptions> options, IClock clock) : IPaymentWebhookReader
{
    private const int SignatureBytes = 32;

    public WebhookReadResult Read(ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            return Refused(StripeWebhookFailures.NotConfigured);
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return Refused(StripeWebhookFailures.MissingSignature);
        }

        if (!TryParseHeader(signatureHeader, out var timestamp, out var signatures))
        {
            return Refused(StripeWebhookFailures.BadSignature);
        }

        Span<byte> expected = stackalloc byte[SignatureBytes];
        Sign(settings.WebhookSecret, timestamp, rawBody, expected);
        var matched = false;
        foreach (var signature in signatures)
        {
            // Every candidate is compared, so the time taken does not tell which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(signature, expected);
        }

        if (!matched)
        {
            return Refused(StripeWebhookFailures.BadSignature);
        }

        var age = clock.UtcNow.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs(age) > settings.WebhookToleranceSeconds)
        {
            return Refused(StripeWebhookFailures.TimestampOutsideTolerance);
        }

        try
        {
            return JsonSerializer.Deserialize<EventJson>(rawBody, StripeJson.Options) is { } evt
                ? new WebhookReadResult(evt.ToGateway(), null)
                : Refused(StripeWebhookFailures.MalformedEvent);
        }
        catch (JsonException)
        {
            return Refused(StripeWebhookFailures.MalformedEvent);
        }
    }

    /// <summary>HMAC-SHA256 over <c>"&lt;timestamp&gt;." + body</c>, keyed with the secret's UTF-8 bytes.</summary>
    internal static void Sign(string secret, long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    /// <summary>One <c>t</c> (the last wins, as in Stripe's libraries) and at least one well-formed <c>v1</c>.</summary>
    private static bool TryParseHeader(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        var hasTimestamp = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals];
            var value = part[(equals + 1)..];
            if (key == "t")
            {
                hasTimestamp = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
            }
            else if (key == "v1" && value.Length == SignatureBytes * 2)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    // Not hex: not a signature of ours; another v1 may still match.
                }
            }
        }

        return hasTimestamp && signatures.Count > 0;
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

    /// <summary>Authentic, but not an event this adapter can read.</summary>
    public const string MalformedEvent = "malformed_event";
}
