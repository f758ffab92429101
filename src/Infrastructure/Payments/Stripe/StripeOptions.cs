using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// Configuration section "Stripe": how the portal reaches Stripe. Without <see cref="SecretKey"/> the API still starts,
/// but every Stripe call fails with an authentication error and no webhook is accepted: payments are simply impossible.
/// The API version is not a setting: Stripe.net sends the one its models are written for
/// (<c>Stripe.StripeConfiguration.ApiVersion</c>), and moves only with the package.
/// </summary>
public sealed class StripeOptions : ISelfCheckingOptions
{
    public const string SectionName = "Stripe";

    /// <summary>The platform's secret key (<c>sk_test_...</c> or <c>sk_live_...</c>; a restricted <c>rk_...</c> key works too).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Where the API is: Stripe itself, or the fake server in development and tests.</summary>
    public string BaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>The signing secret of the webhook endpoint (<c>whsec_...</c>).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook's signed timestamp may be from now, either way, before it is refused as a replay.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>How long one attempt may take before it is abandoned (and retried): the timeout of the HttpClient Stripe.net sends with.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Retries after the first attempt, made by Stripe.net (<c>maxNetworkRetries</c>) for what it deems worth retrying:
    /// network failures, timeouts, 409, 5xx, and any answer with <c>Stripe-Should-Retry: true</c>.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>True when a secret key is set, so calls can be made.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>What is wrong with the settings, or null when they can work (an unset key is allowed: payments are then off).</summary>
    /// <inheritdoc />
    public string? Problem()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
        {
            return $"Stripe:BaseUrl must be an absolute https URL such as https://api.stripe.com; '{BaseUrl}' is not.";
        }

        if (baseUrl.Scheme == "http" && !baseUrl.IsLoopback)
        {
            return "Stripe:BaseUrl may use plain http only on the loopback interface (the fake server); use https.";
        }

        if (IsConfigured && !(SecretKey!.StartsWith("sk_", StringComparison.Ordinal) || SecretKey.StartsWith("rk_", StringComparison.Ordinal)))
        {
            return "Stripe:SecretKey must be a secret key (sk_...) or a restricted key (rk_...), not a publishable key.";
        }

        // Stripe.net would refuse it only at the first call.
        if (IsConfigured && SecretKey!.Any(char.IsWhiteSpace))
        {
            return "Stripe:SecretKey must not contain whitespace.";
        }

        if (!string.IsNullOrWhiteSpace(WebhookSecret) && !WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return "Stripe:WebhookSecret must be a webhook signing secret (whsec_...).";
        }

        if (WebhookToleranceSeconds is < 1 or > 3600)
        {
            return "Stripe:WebhookToleranceSeconds must be between 1 and 3600.";
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            return "Stripe:TimeoutSeconds must be between 1 and 300.";
        }

        return MaxRetries is < 0 or > 10 ? "Stripe:MaxRetries must be between 0 and 10." : null;
    }

    /// <summary>The settings without their secrets, for logs and debuggers.</summary>
    public override string ToString() =>
        $"Stripe {{ BaseUrl = {BaseUrl}, SecretKey = {Redacted(SecretKey)}, WebhookSecret = {Redacted(WebhookSecret)}, " +
        $"WebhookToleranceSeconds = {WebhookToleranceSeconds}, TimeoutSeconds = {TimeoutSeconds}, MaxRetries = {MaxRetries} }}";

    private static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "(set)";
}
