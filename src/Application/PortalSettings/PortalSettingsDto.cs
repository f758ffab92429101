using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.PortalSettings;

/// <summary>Settings -> Customer Portal. PUT takes this same document; read-only fields are ignored.</summary>
/// <param name="Enabled">Portal on or off. Turning it on requires the legal agreement.</param>
/// <param name="HostName">Read-only here: change it with PUT /v1/admin/portal-settings/host-name.</param>
/// <param name="PortalUrl">Read-only: where customers reach the portal.</param>
/// <param name="LegalAgreement">Read-only: accept with POST /v1/admin/portal-settings/legal-agreement/acceptance.</param>
/// <param name="Features">What customers can do.</param>
/// <param name="AppointmentTimeDisplay">arrivalWindow or dateOnly.</param>
/// <param name="VisibleAgreementStatuses">Agreement statuses customers may see.</param>
/// <param name="VisibleBusinessUnitIds">External ids of business units whose invoices customers see; empty means all.</param>
/// <param name="SignInMethods">password, magicLink, phoneLastFour; at least one.</param>
/// <param name="Branding">The portal's own branding; empty fields fall back to the account settings.</param>
/// <param name="EffectiveBranding">Read-only: branding after fallback, as customers see it.</param>
/// <param name="SmsNotifications">Job milestones that text the customer; need a sender phone number.</param>
/// <param name="EmailNotifications">Optional customer emails (review requests).</param>
/// <param name="OnlinePayments">Online payments; can be enabled once a payment account is connected.</param>
/// <param name="PublicReviewUrl">The company's public review page, offered to every reviewer; null when none.</param>
/// <param name="Warnings">Read-only: settings that are saved but will not work yet.</param>
/// <param name="Version">Read-only: grows with every change; the ETag carries it.</param>
/// <param name="UpdatedAt">Read-only: when the settings last changed.</param>
public sealed record PortalSettingsDto(
    bool Enabled,
    string HostName,
    string PortalUrl,
    LegalAgreementDto LegalAgreement,
    PortalFeatures Features,
    AppointmentTimeDisplay AppointmentTimeDisplay,
    IReadOnlyList<AgreementStatus> VisibleAgreementStatuses,
    IReadOnlyList<string> VisibleBusinessUnitIds,
    IReadOnlyList<SignInMethod> SignInMethods,
    BrandingDto Branding,
    EffectiveBranding EffectiveBranding,
    SmsNotifications SmsNotifications,
    EmailNotifications EmailNotifications,
    OnlinePaymentsDto OnlinePayments,
    string? PublicReviewUrl,
    IReadOnlyList<SettingsWarning> Warnings,
    int Version,
    DateTimeOffset UpdatedAt)
{
    public static PortalSettingsDto From(Domain.Portal.PortalSettings settings, Tenant tenant, PortalOptions options, bool hasSenderNumber, bool paymentAccountConnected)
    {
        var warnings = new List<SettingsWarning>();
        if (settings.Sms.IsAnyOn() && !hasSenderNumber)
        {
            warnings.Add(new SettingsWarning("sms_sender_missing", "SMS notifications are on but no sender phone number exists; add one at /v1/admin/phone-numbers."));
        }

        return new PortalSettingsDto(
            settings.Enabled,
            tenant.HostName.Value,
            options.PortalUrl(tenant.HostName.Value),
            new LegalAgreementDto(settings.LegalAgreementAccepted, settings.LegalAgreementVersion, settings.LegalAgreementAcceptedAt, settings.LegalAgreementAcceptedBy),
            settings.Features,
            settings.AppointmentTimeDisplay,
            settings.VisibleAgreementStatuses,
            settings.VisibleBusinessUnitIds,
            settings.SignInMethods,
            new BrandingDto(settings.Branding.DisplayName, settings.Branding.LogoUrl, settings.Branding.PrimaryColor),
            settings.Branding.ResolveWith(tenant.AccountSettings),
            settings.Sms,
            settings.Email,
            new OnlinePaymentsDto(settings.OnlinePaymentsEnabled, paymentAccountConnected),
            settings.PublicReviewUrl,
            warnings,
            settings.Version,
            settings.UpdatedAt);
    }
}

/// <summary>The legal agreement's acceptance.</summary>
public sealed record LegalAgreementDto(bool Accepted, string? Version, DateTimeOffset? AcceptedAt, string? AcceptedBy);

/// <summary>Portal branding as stored; null fields fall back to the account settings.</summary>
/// <param name="DisplayName">1-80 characters, or null.</param>
/// <param name="LogoUrl">Absolute https URL on a public host, or null.</param>
/// <param name="PrimaryColor">#RRGGBB, or null.</param>
public sealed record BrandingDto(string? DisplayName, string? LogoUrl, string? PrimaryColor);

/// <summary>Online payments.</summary>
/// <param name="Enabled">Customers can pay online.</param>
/// <param name="AccountConnected">Read-only: a payment provider account is configured.</param>
public sealed record OnlinePaymentsDto(bool Enabled, bool AccountConnected);

/// <summary>A setting that is saved but will not take effect yet.</summary>
public sealed record SettingsWarning(string Code, string Message);
