using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tenants;

/// <summary>
/// The label that names a tenant's portal (https://{host-name}.portal.example). It becomes part of a
/// DNS name, so it follows DNS label rules, and some labels are reserved for the platform itself.
/// </summary>
public sealed record HostName
{
    public const int MinLength = 5;
    public const int MaxLength = 63;

    /// <summary>Labels no tenant may take; configuration can extend or replace the list.</summary>
    public static readonly IReadOnlyList<string> DefaultReserved =
    [
        "www", "api", "admin", "app", "portal", "mail", "email", "smtp", "support", "help", "status",
        "login", "signin", "signup", "account", "accounts", "auth", "oauth", "billing", "pay", "payments",
        "docs", "developer", "developers", "static", "assets", "cdn", "dashboard", "blog", "servicetitan",
        "headlessportal", "localhost",
    ];

    private HostName(string value) => Value = value;

    public string Value { get; }

    /// <summary>Returns why <paramref name="value"/> cannot be a host name, or null when it can.</summary>
    public static string? Validate(string? value, IReadOnlyCollection<string> reserved)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "A host name is required.";
        }

        if (reserved.Contains(value, StringComparer.Ordinal))
        {
            return $"The host name \"{value}\" is reserved.";
        }

        if (value.Length is < MinLength or > MaxLength)
        {
            return $"A host name has {MinLength} to {MaxLength} characters.";
        }

        if (value.Any(char.IsAsciiLetterUpper))
        {
            return "Host names are lowercase: use lowercase letters, digits and hyphens.";
        }

        if (!value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return "A host name may contain only lowercase letters, digits and hyphens.";
        }

        if (value[0] == '-' || value[^1] == '-')
        {
            return "A host name cannot start or end with a hyphen.";
        }

        return null;
    }

    public static HostName Create(string value, IReadOnlyCollection<string> reserved)
    {
        var problem = Validate(value, reserved);
        if (problem is not null)
        {
            throw new DomainException("invalid_host_name", problem);
        }

        return new HostName(value);
    }

    /// <summary>Rehydrates a value that was validated when it was stored.</summary>
    public static HostName FromTrusted(string value) => new(value);

    public override string ToString() => Value;
}
