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

    /// <summary>
    /// An absolute https URL whose host is a public name or address: not localhost, not a private,
    /// loopback or link-local IP. Used for URLs that customers' browsers will load (logos).
    /// </summary>
    public static bool IsPublicHttpsUrl(string? value)
    {
        if (!IsHttpsUrl(value))
        {
            return false;
        }

        var host = new Uri(value!).IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal)
            || host.EndsWith(".internal", StringComparison.Ordinal) || !host.Contains('.', StringComparison.Ordinal) && !host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        return !System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) || IsPublicAddress(address);
    }

    private static bool IsPublicAddress(System.Net.IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (System.Net.IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal
            || address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 127 || b[0] == 0
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
