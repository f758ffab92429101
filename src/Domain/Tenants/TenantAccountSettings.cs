using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tenants;

/// <summary>
/// The company's own account settings. Portal branding falls back to these when its fields are empty.
/// </summary>
public sealed record TenantAccountSettings
{
    public const int DisplayNameMaxLength = 80;

    /// <summary>#RRGGBB.</summary>
    public const int PrimaryColorLength = 7;

    /// <summary>The longest IANA time zone id kept.</summary>
    public const int TimeZoneMaxLength = 64;
    public const string DefaultTimeZone = "America/New_York";
    public const string DefaultCurrency = "usd";

    public TenantAccountSettings(
        string displayName,
        string? logoUrl,
        string? primaryColor,
        string? phone,
        string? email,
        string timeZone,
        string currency)
    {
        DisplayName = Guard.Required(displayName, "Display name", DisplayNameMaxLength);
        LogoUrl = Optional(logoUrl, ContactRules.IsHttpsUrl, "invalid_logo_url", "A logo URL is an absolute https URL.");
        PrimaryColor = Optional(primaryColor, ContactRules.IsHexColor, "invalid_color", "A color is written #RRGGBB.")?.ToUpperInvariant();
        Phone = Optional(phone, ContactRules.IsE164Phone, "invalid_phone", "A phone number is in E.164 form, such as +15555550123.");
        Email = Optional(email, ContactRules.IsEmail, "invalid_email", "The email address is not valid.");
        TimeZone = IsKnownTimeZone(timeZone)
            ? timeZone
            : throw new DomainException("invalid_time_zone", $"\"{timeZone}\" is not an IANA time zone.");
        Currency = CurrencyCode.Normalize(currency);
    }

    public string DisplayName { get; }

    public string? LogoUrl { get; }

    public string? PrimaryColor { get; }

    public string? Phone { get; }

    public string? Email { get; }

    /// <summary>IANA time zone id, such as "America/Chicago"; appointment times are shown in it.</summary>
    public string TimeZone { get; }

    /// <summary>ISO 4217 code, lowercase; the currency of the tenant's invoices.</summary>
    public string Currency { get; }

    public static TenantAccountSettings Default(string displayName) =>
        new(displayName, null, null, null, null, DefaultTimeZone, DefaultCurrency);

    public static bool IsKnownTimeZone(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone)
        && zone.HasIanaId;

    private static string? Optional(string? value, Func<string, bool> isValid, string code, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return isValid(value) ? value : throw new DomainException(code, message);
    }
}
