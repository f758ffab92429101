using System.Net.Mail;
using System.Text.RegularExpressions;

namespace HeadlessPortal.Domain.Common;

/// <summary>Formats shared by contact and branding fields across aggregates.</summary>
public static partial class ContactRules
{
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 16;
    public const int UrlMaxLength = 2048;

    /// <summary>An address a mail server would accept: local part, @, a dotted domain, nothing else.</summary>
    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > EmailMaxLength || value.Trim() != value)
        {
            return false;
        }

        return MailAddress.TryCreate(value, out var parsed)
            && parsed.Address == value
            && parsed.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>E.164: a plus sign and 8 to 15 digits, the first not zero.</summary>
    public static bool IsE164Phone(string? value) => value is not null && E164().IsMatch(value);

    /// <summary>A color written #RRGGBB.</summary>
    public static bool IsHexColor(string? value) => value is not null && HexColor().IsMatch(value);

    /// <summary>An absolute https URL with a host name.</summary>
    public static bool IsHttpsUrl(string? value) =>
        value is { Length: <= UrlMaxLength }
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
