using FluentValidation;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.Tenants;

/// <summary>Validation rules shared by the tenant use cases; each defers to the Domain rule it mirrors.</summary>
internal static class TenantRules
{
    public static IRuleBuilderOptionsConditions<T, string?> ValidHostName<T>(this IRuleBuilder<T, string?> rule, TenancyOptions options)
    {
        var reserved = options.EffectiveReservedHostNames;
        return rule.Custom((value, context) =>
        {
            var problem = HostName.Validate(value, reserved);
            if (problem is not null)
            {
                context.AddFailure(problem);
            }
        });
    }

    public static void ValidAccountSettings<T>(this IRuleBuilder<T, AccountSettingsInput?> rule) =>
        rule.SetValidator(new AccountSettingsInputValidator()!);

    private sealed class AccountSettingsInputValidator : AbstractValidator<AccountSettingsInput>
    {
        public AccountSettingsInputValidator()
        {
            RuleFor(x => x.DisplayName)
                .MaximumLength(TenantAccountSettings.DisplayNameMaxLength)
                .Must(v => v is null || !string.IsNullOrWhiteSpace(v)).WithMessage("displayName cannot be blank; omit it to use the tenant's name.");
            RuleFor(x => x.LogoUrl)
                .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsHttpsUrl(v)).WithMessage("logoUrl must be an absolute https URL.");
            RuleFor(x => x.PrimaryColor)
                .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsHexColor(v)).WithMessage("primaryColor must be written #RRGGBB.");
            RuleFor(x => x.Phone)
                .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsE164Phone(v)).WithMessage("phone must be in E.164 form, such as +15555550123.");
            RuleFor(x => x.Email)
                .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsEmail(v)).WithMessage("email must be a valid email address.");
            RuleFor(x => x.TimeZone)
                .Must(v => v is null || TenantAccountSettings.IsKnownTimeZone(v)).WithMessage("timeZone must be an IANA time zone such as America/Chicago.");
            RuleFor(x => x.Currency)
                .Must(v => v is null || CurrencyCode.IsValid(v)).WithMessage("currency must be a three-letter ISO 4217 code such as usd.");
        }
    }
}

/// <summary>Account settings supplied when creating a tenant; omitted fields take defaults.</summary>
/// <param name="DisplayName">Name shown to customers; defaults to the tenant's name.</param>
/// <param name="LogoUrl">Absolute https URL of the logo.</param>
/// <param name="PrimaryColor">Brand color, #RRGGBB.</param>
/// <param name="Phone">Office phone, E.164 (+15555550123).</param>
/// <param name="Email">Office email.</param>
/// <param name="TimeZone">IANA time zone; defaults to America/New_York.</param>
/// <param name="Currency">ISO 4217 code; defaults to usd.</param>
public sealed record AccountSettingsInput(
    string? DisplayName,
    string? LogoUrl,
    string? PrimaryColor,
    string? Phone,
    string? Email,
    string? TimeZone,
    string? Currency)
{
    public TenantAccountSettings ToDomain(string tenantName) => new(
        DisplayName ?? tenantName,
        LogoUrl,
        PrimaryColor,
        Phone,
        Email,
        TimeZone ?? TenantAccountSettings.DefaultTimeZone,
        Currency ?? TenantAccountSettings.DefaultCurrency);
}
