using HeadlessPortal.Application.Tenants;
using HeadlessPortal.Application.Tenants.CreateTenant;
using HeadlessPortal.Application.Tenants.ListTenants;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Tests.Tenants;

public sealed class TenantValidatorTests
{
    private static CreateTenantValidator Validator(string[]? reserved = null) =>
        new(Options.Create(new TenancyOptions { ReservedHostNames = reserved }));

    [Fact]
    public void CreateTenant_WhenValid_HasNoErrors() =>
        Assert.True(Validator().Validate(new CreateTenantCommand("Acme", "acme-hvac", null)).IsValid);

    [Fact]
    public void CreateTenant_WhenNameAndHostNameInvalid_ReportsBoth()
    {
        var result = Validator().Validate(new CreateTenantCommand("", "Acme-HVAC", null));
        Assert.Contains(result.Errors, e => e.PropertyName == "Name");
        Assert.Contains(result.Errors, e => e.PropertyName == "HostName" && e.ErrorMessage.Contains("lowercase", StringComparison.Ordinal));
    }

    [Fact]
    public void CreateTenant_WhenAccountSettingsInvalid_ReportsEachNestedField()
    {
        var settings = new AccountSettingsInput(null, "http://x.example/logo.png", "red", "555", "nope", "Mars/Base", "dollars");
        var result = Validator().Validate(new CreateTenantCommand("Acme", "acme-hvac", settings));

        string[] expected = ["AccountSettings.Currency", "AccountSettings.Email", "AccountSettings.LogoUrl", "AccountSettings.Phone", "AccountSettings.PrimaryColor", "AccountSettings.TimeZone"];
        Assert.Equal(expected, result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void CreateTenant_WhenReservedListConfigured_UsesIt()
    {
        Assert.True(Validator(["acme-hvac"]).Validate(new CreateTenantCommand("Acme", "www-acme", null)).IsValid);
        Assert.False(Validator(["acme-hvac"]).Validate(new CreateTenantCommand("Acme", "acme-hvac", null)).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ListTenants_WhenLimitOutOfRange_ReportsLimit(int limit) =>
        Assert.Contains(new ListTenantsValidator().Validate(new ListTenantsQuery(limit, null)).Errors, e => e.PropertyName == "Limit");

    [Fact]
    public void ListTenants_WhenCursorMalformed_ReportsAfter() =>
        Assert.Contains(new ListTenantsValidator().Validate(new ListTenantsQuery(null, "garbage")).Errors, e => e.PropertyName == "After");
}
