namespace HeadlessPortal.Application.PortalSettings;

/// <summary>Configuration section "Portal".</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The customer-facing portal address; {hostName} is replaced by the tenant's host name.</summary>
    public string UrlTemplate { get; set; } = "https://{hostName}.portal.example.com";

    /// <summary>The legal agreement version admins accept before enabling the portal.</summary>
    public string LegalAgreementVersion { get; set; } = "2026-11";

    /// <summary>Paths of the front end's pages that emailed and texted links open; each link adds ?token=.</summary>
    public PortalLinkPaths Links { get; set; } = new();

    public string PortalUrl(string hostName) => UrlTemplate.Replace("{hostName}", hostName, StringComparison.Ordinal);
}

/// <summary>Where in the front end each kind of link lands (configuration section "Portal:Links").</summary>
public sealed class PortalLinkPaths
{
    public string AcceptInvitationPath { get; set; } = "/accept-invitation";

    public string MagicLinkPath { get; set; } = "/magic-link";

    public string PasswordResetPath { get; set; } = "/reset-password";

    public string PortalLinkPath { get; set; } = "/link";
}
