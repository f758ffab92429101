using System.Net;
using HeadlessPortal.Application.Common.Settings;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// Configuration section "Api:ForwardedHeaders": the reverse proxies (or load balancers) in front of the API. Only a
/// request that comes from one of them has its X-Forwarded-For (the client's address) and X-Forwarded-Proto (https)
/// believed; anyone else's are ignored. None by default.
/// </summary>
public sealed class ForwardedHeadersSettings : ISelfCheckingOptions
{
    public const string SectionName = DependencyInjection.ApiSectionName + ":ForwardedHeaders";

    /// <summary>Addresses of the proxies, such as 10.0.0.5 or fd00::5.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, such as 10.0.0.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <inheritdoc />
    public string? Problem() =>
        KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy
            ? $"{SectionName}:KnownProxies has \"{proxy}\", which is not an IP address such as 10.0.0.5."
            : KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network
                ? $"{SectionName}:KnownNetworks has \"{network}\", which is not a network in CIDR notation such as 10.0.0.0/24."
                : null;

    /// <summary>ASP.NET Core's options for these proxies: client address and scheme, walked back through every known proxy in the chain.</summary>
    public void Apply(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // The defaults trust loopback; only what the operator names is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(IPNetwork.Parse(network));
        }

        // Each entry, from the right, is believed only while the address that sent it is a known proxy.
        options.ForwardLimit = null;
    }
}
