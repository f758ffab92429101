using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Infrastructure.Texts;

/// <summary>
/// Configuration section "Twilio": the platform's Twilio account, which sends every tenant's texts from that tenant's
/// own sender number (docs/decisions/0010). Without <see cref="AccountSid"/> and <see cref="AuthToken"/> the API runs
/// without texts: milestones record none. Without <see cref="PublicBaseUrl"/> texts are sent but no delivery report
/// or reply can be verified, so the webhook refuses them all.
/// </summary>
public sealed class TwilioOptions : ISelfCheckingOptions
{
    public const string SectionName = "Twilio";

    /// <summary>This API's webhook path; Twilio posts delivery reports and replies there.</summary>
    public const string WebhookPath = "/v1/webhooks/twilio";

    /// <summary>The platform account's SID (<c>AC</c> and 32 hex digits).</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token: it authenticates our calls and signs Twilio's webhooks.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Where the API is: Twilio itself, or the fake server in development and tests.</summary>
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// This API's public address as Twilio reaches it (such as https://api.example.com): the status callback URL given
    /// with each text, and the URL webhook signatures are checked against. Behind a proxy, the address outside it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long one call to Twilio may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);

    /// <summary>The webhook's full URL, or null without a public address.</summary>
    public string? WebhookUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.TrimEnd('/') + WebhookPath;

    /// <inheritdoc />
    public string? Problem()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
        {
            return $"Twilio:BaseUrl must be an absolute https URL such as https://api.twilio.com; '{BaseUrl}' is not.";
        }

        if (baseUrl.Scheme == "http" && !baseUrl.IsLoopback)
        {
            return "Twilio:BaseUrl may use plain http only on the loopback interface (the fake server); use https.";
        }

        if (!string.IsNullOrWhiteSpace(AccountSid) && !(AccountSid.StartsWith("AC", StringComparison.Ordinal) && AccountSid.Length == 34))
        {
            return "Twilio:AccountSid must be an account SID (AC followed by 32 hex digits).";
        }

        if (string.IsNullOrWhiteSpace(AccountSid) != string.IsNullOrWhiteSpace(AuthToken))
        {
            return "Twilio:AccountSid and Twilio:AuthToken are set together, or neither.";
        }

        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicUrl) && publicUrl.Scheme is "https" or "http"))
        {
            return $"Twilio:PublicBaseUrl must be an absolute URL such as https://api.example.com; '{PublicBaseUrl}' is not.";
        }

        return TimeoutSeconds is < 1 or > 300 ? "Twilio:TimeoutSeconds must be between 1 and 300." : null;
    }

    /// <summary>The settings without their secret, for logs and debuggers.</summary>
    public override string ToString() =>
        $"Twilio {{ BaseUrl = {BaseUrl}, AccountSid = {AccountSid ?? "(not set)"}, AuthToken = {(string.IsNullOrEmpty(AuthToken) ? "(not set)" : "(set)")}, PublicBaseUrl = {PublicBaseUrl ?? "(not set)"} }}";
}
