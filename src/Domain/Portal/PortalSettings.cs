using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Portal;

/// <summary>Which parts of the portal a tenant has switched on.</summary>
public sealed record PortalFeatures(
    bool InvoicePayment,
    bool PartialPayments,
    bool SavedPaymentMethods,
    bool EstimateApproval,
    bool ReviewCollection,
    bool JobBooking,
    bool SelfScheduling,
    bool ShowCanceledJobs,
    bool ShowUnscheduledAgreementVisits)
{
    public static PortalFeatures Defaults { get; } = new(
        InvoicePayment: true,
        PartialPayments: false,
        SavedPaymentMethods: true,
        EstimateApproval: true,
        ReviewCollection: false,
        JobBooking: true,
        SelfScheduling: false,
        ShowCanceledJobs: false,
        ShowUnscheduledAgreementVisits: true);
}

/// <summary>The portal's own branding; each empty field falls back to the tenant's account settings.</summary>
public sealed record PortalBranding
{
    public const int DisplayNameMaxLength = 80;

    public PortalBranding(string? displayName, string? logoUrl, string? primaryColor)
    {
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (DisplayName is { Length: > DisplayNameMaxLength })
        {
            throw new DomainException("invalid_branding", $"A display name has 1 to {DisplayNameMaxLength} characters.");
        }

        LogoUrl = string.IsNullOrWhiteSpace(logoUrl) ? null
            : ContactRules.IsPublicHttpsUrl(logoUrl) ? logoUrl
            : throw new DomainException("invalid_branding", "A logo URL is an absolute https URL on a public host.");
        PrimaryColor = string.IsNullOrWhiteSpace(primaryColor) ? null
            : ContactRules.IsHexColor(primaryColor) ? primaryColor.ToUpperInvariant()
            : throw new DomainException("invalid_branding", "A color is written #RRGGBB.");
    }

    public static PortalBranding Empty { get; } = new(null, null, null);

    public string? DisplayName { get; }

    public string? LogoUrl { get; }

    public string? PrimaryColor { get; }

    /// <summary>Fills every empty field from the tenant's account settings.</summary>
    public EffectiveBranding ResolveWith(TenantAccountSettings account) =>
        new(DisplayName ?? account.DisplayName, LogoUrl ?? account.LogoUrl, PrimaryColor ?? account.PrimaryColor);
}

/// <summary>Branding after fallback, as customers see it.</summary>
public sealed record EffectiveBranding(string DisplayName, string? LogoUrl, string? PrimaryColor);

/// <summary>Which job milestones send the customer an SMS; <see cref="ReviewRequest"/> texts the review prompt of completed work.</summary>
public sealed record SmsNotifications(bool JobBooked, bool TechnicianDispatched, bool TechnicianEnRoute, bool WorkComplete, bool InvoiceSent, bool ReviewRequest)
{
    public static SmsNotifications None { get; } = new(false, false, false, false, false, false);

    public bool IsAnyOn() => JobBooked || TechnicianDispatched || TechnicianEnRoute || WorkComplete || InvoiceSent || ReviewRequest;
}

/// <summary>Optional emails to customers (the ones every flow needs, such as invitations and receipts, always go).</summary>
/// <param name="ReviewRequest">Email the customer's contacts when completed work opens a review prompt.</param>
public sealed record EmailNotifications(bool ReviewRequest)
{
    public static EmailNotifications None { get; } = new(false);
}

/// <summary>Everything a tenant admin sets about the portal, except the host name (on the tenant).</summary>
public sealed class PortalSettings : ITenantOwned
{
    public const int LegalAgreementVersionMaxLength = 32;
    public const int MaxVisibleBusinessUnits = 200;

    private List<AgreementStatus> _visibleAgreementStatuses = [];
    private List<string> _visibleBusinessUnitIds = [];
    private List<SignInMethod> _signInMethods = [];

    private PortalSettings()
    {
        Features = PortalFeatures.Defaults;
        Branding = PortalBranding.Empty;
        Sms = SmsNotifications.None;
        Email = EmailNotifications.None;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public bool Enabled { get; private set; }

    public string? LegalAgreementVersion { get; private set; }

    public DateTimeOffset? LegalAgreementAcceptedAt { get; private set; }

    public string? LegalAgreementAcceptedBy { get; private set; }

    public bool LegalAgreementAccepted => LegalAgreementAcceptedAt is not null;

    public PortalFeatures Features { get; private set; }

    public AppointmentTimeDisplay AppointmentTimeDisplay { get; private set; }

    public IReadOnlyList<AgreementStatus> VisibleAgreementStatuses => _visibleAgreementStatuses;

    /// <summary>External ids of the business units whose invoices customers see; empty means all of them.</summary>
    public IReadOnlyList<string> VisibleBusinessUnitIds => _visibleBusinessUnitIds;

    public IReadOnlyList<SignInMethod> SignInMethods => _signInMethods;

    public PortalBranding Branding { get; private set; }

    public SmsNotifications Sms { get; private set; }

    public EmailNotifications Email { get; private set; }

    public bool OnlinePaymentsEnabled { get; private set; }

    /// <summary>The company's public review page (such as its Google reviews), offered to every reviewer; null when none.</summary>
    public string? PublicReviewUrl { get; private set; }

    /// <summary>Grows with every change; the API's ETag is made from it.</summary>
    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static PortalSettings CreateDefault(TenantId tenantId, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        AppointmentTimeDisplay = AppointmentTimeDisplay.ArrivalWindow,
        _visibleAgreementStatuses = [AgreementStatus.Active],
        _signInMethods = [SignInMethod.Password, SignInMethod.MagicLink],
        Version = 1,
        UpdatedAt = now,
    };

    /// <summary>Records that an admin accepted the portal's legal agreement; required before enabling.</summary>
    public void AcceptLegalAgreement(string version, string acceptedBy, DateTimeOffset now)
    {
        LegalAgreementVersion = Guard.Required(version, "Agreement version", LegalAgreementVersionMaxLength);
        LegalAgreementAcceptedBy = acceptedBy;
        LegalAgreementAcceptedAt = now;
        Touch(now);
    }

    /// <summary>
    /// Replaces every editable setting at once. Rules: the portal can be enabled only after the legal
    /// agreement was accepted; online payments need a connected payment account; at least one sign-in method.
    /// </summary>
    public void Update(
        bool enabled,
        PortalFeatures features,
        AppointmentTimeDisplay appointmentTimeDisplay,
        IEnumerable<AgreementStatus> visibleAgreementStatuses,
        IEnumerable<string> visibleBusinessUnitIds,
        IEnumerable<SignInMethod> signInMethods,
        PortalBranding branding,
        SmsNotifications sms,
        EmailNotifications email,
        bool onlinePaymentsEnabled,
        bool paymentAccountConnected,
        DateTimeOffset now)
    {
        if (enabled && !LegalAgreementAccepted)
        {
            throw new DomainException(
                "legal_agreement_required",
                "The portal can be enabled only after an admin accepts the legal agreement (POST /v1/admin/portal-settings/legal-agreement/acceptance).",
                DomainErrorKind.Conflict);
        }

        if (onlinePaymentsEnabled && !paymentAccountConnected)
        {
            throw new DomainException(
                "payment_account_required",
                "Online payments need a connected payment account.",
                DomainErrorKind.Conflict);
        }

        var methods = signInMethods.Distinct().Order().ToList();
        if (methods.Count == 0)
        {
            throw new DomainException("sign_in_method_required", "At least one sign-in method must stay on.");
        }

        var units = visibleBusinessUnitIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (units.Count > MaxVisibleBusinessUnits)
        {
            throw new DomainException("too_many_business_units", $"At most {MaxVisibleBusinessUnits} business units can be listed.");
        }

        var statuses = visibleAgreementStatuses.Distinct().Order().ToList();
        var changed = enabled != Enabled || features != Features || appointmentTimeDisplay != AppointmentTimeDisplay
            || !statuses.SequenceEqual(_visibleAgreementStatuses) || !units.SequenceEqual(_visibleBusinessUnitIds, StringComparer.Ordinal)
            || !methods.SequenceEqual(_signInMethods) || branding != Branding || sms != Sms || email != Email || onlinePaymentsEnabled != OnlinePaymentsEnabled;
        if (!changed)
        {
            return;
        }

        Enabled = enabled;
        Features = features;
        AppointmentTimeDisplay = appointmentTimeDisplay;
        _visibleAgreementStatuses = statuses;
        _visibleBusinessUnitIds = units;
        _signInMethods = methods;
        Branding = branding;
        Sms = sms;
        Email = email;
        OnlinePaymentsEnabled = onlinePaymentsEnabled;
        Touch(now);
    }

    /// <summary>Sets or clears the public review page (an absolute https URL); answers whether it changed.</summary>
    public bool SetPublicReviewUrl(string? url, DateTimeOffset now)
    {
        var value = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (value is not null && !ContactRules.IsPublicHttpsUrl(value))
        {
            throw new DomainException("invalid_review_url", "A public review page is an absolute https URL of a public host.");
        }

        if (value == PublicReviewUrl)
        {
            return false;
        }

        PublicReviewUrl = value;
        Touch(now);
        return true;
    }

    /// <summary>Switches online payments off (the payment account was disconnected); answers whether it was on.</summary>
    public bool DisableOnlinePayments(DateTimeOffset now)
    {
        if (!OnlinePaymentsEnabled)
        {
            return false;
        }

        OnlinePaymentsEnabled = false;
        Touch(now);
        return true;
    }

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }
}
