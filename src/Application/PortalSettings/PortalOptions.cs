namespace HeadlessPortal.Application.PortalSettings;

/// <summary>Configuration section "Portal".</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The customer-facing portal address; {hostName} is replaced by the tenant's host name.</summary>
    public string UrlTemplate { get; set; } = "https://{hostName}.portal.example.com";

    /// <summary>The legal agreement version admins accept before enabling the portal.</summary>
    public string LegalAgreementVersion { get; set; } = "2026-11";

    public string PortalUrl(string hostName) => UrlTemplate.Replace("{hostName}", hostName, StringComparison.Ordinal);
}
