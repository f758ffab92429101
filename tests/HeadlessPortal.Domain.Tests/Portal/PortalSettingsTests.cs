using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Portal;

public sealed class PortalSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static void Update(PortalSettings settings, bool enabled = false, bool onlinePayments = false, bool accountConnected = false,
        IEnumerable<SignInMethod>? methods = null, PortalBranding? branding = null, IEnumerable<string>? units = null) =>
        settings.Update(enabled, PortalFeatures.Defaults, AppointmentTimeDisplay.ArrivalWindow, [AgreementStatus.Active], units ?? [],
            methods ?? [SignInMethod.Password], branding ?? PortalBranding.Empty, SmsNotifications.None, EmailNotifications.None, onlinePayments, accountConnected, Now.AddHours(1));

    [Fact]
    public void CreateDefault_IsOffWithCanceledJobsHiddenAndPasswordAndMagicLink()
    {
        var settings = PortalSettings.CreateDefault(TenantId.New(), Now);
        Assert.False(settings.Enabled);
        Assert.False(settings.Features.ShowCanceledJobs);
        Assert.False(settings.LegalAgreementAccepted);
        Assert.Equal([SignInMethod.Password, SignInMethod.MagicLink], settings.SignInMethods);
        Assert.Equal(1, settings.Version);
    }

    [Fact]
    public void Update_WhenEnablingWithoutLegalAgreement_ThrowsLegalAgreementRequired()
    {
        var settings = PortalSettings.CreateDefault(TenantId.New(), Now);
        var ex = Assert.Throws<DomainException>(() => Update(settings, enabled: true));
        Assert.Equal("legal_agreement_required", ex.Code);
        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
    }

    [Fact]
    public void Update_WhenEnablingAfterLegalAgreement_EnablesAndBumpsVersion()
    {
        var settings = PortalSettings.CreateDefault(TenantId.New(), Now);
        settings.AcceptLegalAgreement("2026-11", "client-1", Now);
        var version = settings.Version;

        Update(settings, enabled: true);

        Assert.True(settings.Enabled);
        Assert.Equal(version + 1, settings.Version);
        Assert.Equal("client-1", settings.LegalAgreementAcceptedBy);
    }

    [Fact]
    public void Update_WhenNothingChanges_KeepsVersion()
    {
        var settings = PortalSettings.CreateDefault(TenantId.New(), Now);
        Update(settings);
        var version = settings.Version;
        Update(settings);
        Assert.Equal(version, settings.Version);
    }

    [Fact]
    public void Update_WhenOnlinePaymentsWithoutConnectedAccount_ThrowsPaymentAccountRequired()
    {
        var settings = PortalSettings.CreateDefault(TenantId.New(), Now);
        Assert.Equal("payment_account_required", Assert.Throws<DomainException>(() => Update(settings, onlinePayments: true)).Code);
        Update(settings, onlinePayments: true, accountConnected: true);
        Assert.True(settings.OnlinePaymentsEnabled);
    }

    [Fact]
    public void Update_WhenNoSignInMethod_Throws() =>
        Assert.Equal("sign_in_method_required", Assert.Throws<DomainException>(() => Update(PortalSettings.CreateDefault(TenantId.New(), Now), methods: [])).Code);

    [Fact]
    public void Update_DeduplicatesAndOrdersLists()
    {
        var settings = PortalSettings.CreateDefault(TenantId.New(), Now);
        Update(settings, methods: [SignInMethod.PhoneLastFour, SignInMethod.Password, SignInMethod.PhoneLastFour], units: ["b", "a", "b"]);
        Assert.Equal([SignInMethod.Password, SignInMethod.PhoneLastFour], settings.SignInMethods);
        Assert.Equal(["a", "b"], settings.VisibleBusinessUnitIds);
    }

    [Fact]
    public void Branding_WhenFieldsEmpty_FallsBackToAccountSettings()
    {
        var account = new TenantAccountSettings("Acme HVAC", "https://cdn.acme.example/a.png", "#000000", null, null, "America/Chicago", "usd");

        var effective = new PortalBranding(" ", null, "#ff0000").ResolveWith(account);

        Assert.Equal(new EffectiveBranding("Acme HVAC", "https://cdn.acme.example/a.png", "#FF0000"), effective);
    }

    [Theory]
    [InlineData("http://cdn.acme.example/a.png")]
    [InlineData("https://localhost/a.png")]
    [InlineData("https://127.0.0.1/a.png")]
    [InlineData("https://172.20.1.1/a.png")]
    [InlineData("https://169.254.169.254/latest")]
    [InlineData("https://intranet/a.png")]
    public void Branding_WhenLogoNotOnAPublicHttpsHost_Throws(string url) =>
        Assert.Equal("invalid_branding", Assert.Throws<DomainException>(() => new PortalBranding(null, url, null)).Code);

    [Theory]
    [InlineData("https://cdn.acme.example/logo.png", true)]
    [InlineData("https://8.8.8.8/logo.png", true)]
    [InlineData("https://[2001:4860:4860::8888]/logo.png", true)]
    [InlineData("https://[fd00::1]/logo.png", false)]
    [InlineData("https://printer.local/logo.png", false)]
    public void IsPublicHttpsUrl_SeparatesPublicFromPrivateHosts(string url, bool expected) =>
        Assert.Equal(expected, ContactRules.IsPublicHttpsUrl(url));
}
