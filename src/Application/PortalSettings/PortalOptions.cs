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

    /// <summary>How long direct payment links work (configuration section "Portal:PaymentLinks").</summary>
    public PaymentLinkLifetimes PaymentLinks { get; set; } = new();

    public string PortalUrl(string hostName) => UrlTemplate.Replace("{hostName}", hostName, StringComparison.Ordinal);
}

/// <summary>Where in the front end each kind of link lands (configuration section "Portal:Links").</summary>
public sealed class PortalLinkPaths
{
    public string AcceptInvitationPath { get; set; } = "/accept-invitation";

    public string MagicLinkPath { get; set; } = "/magic-link";

    public string PasswordResetPath { get; set; } = "/reset-password";

    public string PortalLinkPath { get; set; } = "/link";

    /// <summary>The page a direct payment link opens: one invoice, paid without an account.</summary>
    public string PaymentLinkPath { get; set; } = "/pay";

    /// <summary>The page a direct estimate link opens: the proposals it was sent with, without an account.</summary>
    public string EstimateLinkPath { get; set; } = "/estimate";
}

/// <summary>Lifetimes of direct payment links, in days.</summary>
public sealed class PaymentLinkLifetimes
{
    /// <summary>For links the office makes without naming a lifetime, and for the links in invoice emails.</summary>
    public int DefaultExpiresInDays { get; set; } = 30;

    /// <summary>The longest lifetime the office may ask for.</summary>
    public int MaxExpiresInDays { get; set; } = 90;

    /// <summary>The maximum, at least one day.</summary>
    public int Max => Math.Max(1, MaxExpiresInDays);

    /// <summary>The default, kept between one day and the maximum whatever the configuration says.</summary>
    public int Default => Math.Clamp(DefaultExpiresInDays, 1, Max);
}
