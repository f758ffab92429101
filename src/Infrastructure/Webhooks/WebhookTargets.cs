using System.Net;
using System.Net.Sockets;
using HeadlessPortal.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Webhooks;

/// <summary>
/// Which addresses a webhook may reach. Outside Development (unless <see cref="WebhookOptions.AllowPrivateAddresses"/>)
/// only public unicast addresses: not loopback, link-local (cloud metadata at 169.254.169.254), private, shared
/// (carrier-grade NAT), unique-local, multicast, documentation or unspecified ones, nor IPv4 hidden in IPv6.
/// </summary>
public static class WebhookAddresses
{
    private static readonly (IPAddress Network, int Prefix)[] Refused =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.0.2.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("64:ff9b::"), 96),
        (IPAddress.Parse("100::"), 64),
        (IPAddress.Parse("2001:db8::"), 32),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10),
        (IPAddress.Parse("ff00::"), 8),
    ];

    /// <summary>Whether a webhook may connect to <paramref name="address"/> when private addresses are not allowed.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return !Refused.Any(r => r.Network.AddressFamily == address.AddressFamily && InNetwork(address, r.Network, r.Prefix));
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && prefix > 0; i++, prefix -= 8)
        {
            var mask = prefix >= 8 ? 0xFF : (byte)(0xFF << (8 - prefix));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Resolves host names; a seam so tests can make a name resolve where they need it to.</summary>
public interface IWebhookDns
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class SystemWebhookDns : IWebhookDns
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>Raised when every address a webhook's host resolves to is refused.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);

/// <summary>Checks an endpoint's URL when it is saved; the delivery worker checks the resolved address again when it connects.</summary>
internal sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options, IWebhookDns dns) : IWebhookTargetPolicy
{
    public async Task<(string Code, string Message)?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (url.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && url.Scheme == Uri.UriSchemeHttp))
        {
            return (WebhookCodes.InvalidUrl, settings.AllowHttp ? "url must be an http or https URL." : "url must be an https URL.");
        }

        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            return (WebhookCodes.InvalidUrl, "url must not carry a user name, password or fragment.");
        }

        if (settings.AllowPrivateAddresses)
        {
            return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await dns.ResolveAsync(url.IdnHost, cancellationToken);
            }
            catch (SocketException)
            {
                // A name that does not resolve yet may later; the worker checks what it resolves to at every delivery.
                return null;
            }
        }

        return addresses.All(WebhookAddresses.IsPublic)
            ? null
            : (WebhookCodes.AddressNotAllowed, "url's host is or resolves to a loopback, link-local, private or otherwise internal address; webhooks go only to public addresses.");
    }
}
