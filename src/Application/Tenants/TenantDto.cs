using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.Tenants;

/// <summary>A tenant as the platform operator sees it.</summary>
/// <param name="Id">The tenant's id (UUIDv7).</param>
/// <param name="Name">The company's name.</param>
/// <param name="Slug">Stable identifier derived from the name at creation; never changes.</param>
/// <param name="HostName">Names the portal URL; unique across tenants; can be changed.</param>
/// <param name="AccountSettings">The company's account settings; portal branding falls back to them.</param>
/// <param name="CreatedAt">When the tenant was created.</param>
/// <param name="UpdatedAt">When the tenant last changed.</param>
public sealed record TenantDto(
    Guid Id,
    string Name,
    string Slug,
    string HostName,
    AccountSettingsDto AccountSettings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TenantDto From(Tenant tenant) => new(
        tenant.Id.Value,
        tenant.Name,
        tenant.Slug,
        tenant.HostName.Value,
        AccountSettingsDto.From(tenant.AccountSettings),
        tenant.CreatedAt,
        tenant.UpdatedAt);
}

/// <summary>A company's account settings.</summary>
/// <param name="DisplayName">Name shown to customers.</param>
/// <param name="LogoUrl">Absolute https URL of the logo, or null.</param>
/// <param name="PrimaryColor">Brand color as #RRGGBB, or null.</param>
/// <param name="Phone">Office phone in E.164 form, or null.</param>
/// <param name="Email">Office email, or null.</param>
/// <param name="TimeZone">IANA time zone of the company.</param>
/// <param name="Currency">ISO 4217 code, lowercase.</param>
public sealed record AccountSettingsDto(
    string DisplayName,
    string? LogoUrl,
    string? PrimaryColor,
    string? Phone,
    string? Email,
    string TimeZone,
    string Currency)
{
    public static AccountSettingsDto From(TenantAccountSettings settings) => new(
        settings.DisplayName,
        settings.LogoUrl,
        settings.PrimaryColor,
        settings.Phone,
        settings.Email,
        settings.TimeZone,
        settings.Currency);
}
