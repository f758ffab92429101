using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Tenants;

public sealed class TenantAccountSettingsTests
{
    private static TenantAccountSettings With(
        string? logoUrl = null, string? color = null, string? phone = null, string? email = null,
        string timeZone = "America/Chicago", string currency = "USD") =>
        new("Acme", logoUrl, color, phone, email, timeZone, currency);

    [Fact]
    public void Constructor_WhenEverythingValid_NormalizesCurrencyAndColor()
    {
        var settings = With("https://cdn.example.com/logo.png", "#0b5fff", "+15555550123", "office@acme.example");

        Assert.Equal("usd", settings.Currency);
        Assert.Equal("#0B5FFF", settings.PrimaryColor);
    }

    [Fact]
    public void Constructor_WhenOptionalFieldsBlank_StoresNull()
    {
        var settings = With(logoUrl: " ", color: "", phone: null, email: "");
        Assert.Null(settings.LogoUrl);
        Assert.Null(settings.PrimaryColor);
        Assert.Null(settings.Email);
    }

    [Theory]
    [InlineData("http://cdn.example.com/logo.png", "invalid_logo_url")]
    [InlineData("/logo.png", "invalid_logo_url")]
    public void Constructor_WhenLogoNotAbsoluteHttps_Throws(string url, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => With(logoUrl: url)).Code);

    [Theory]
    [InlineData("0B5FFF")]
    [InlineData("#0B5FF")]
    [InlineData("#GGGGGG")]
    public void Constructor_WhenColorNotRrGgBb_Throws(string color) =>
        Assert.Equal("invalid_color", Assert.Throws<DomainException>(() => With(color: color)).Code);

    [Theory]
    [InlineData("555-0123")]
    [InlineData("+0555550123")]
    public void Constructor_WhenPhoneNotE164_Throws(string phone) =>
        Assert.Equal("invalid_phone", Assert.Throws<DomainException>(() => With(phone: phone)).Code);

    [Fact]
    public void Constructor_WhenTimeZoneUnknown_Throws() =>
        Assert.Equal("invalid_time_zone", Assert.Throws<DomainException>(() => With(timeZone: "Mars/Olympus")).Code);

    [Fact]
    public void Constructor_WhenCurrencyNotThreeLetters_Throws() =>
        Assert.Equal("invalid_currency", Assert.Throws<DomainException>(() => With(currency: "dollars")).Code);
}
