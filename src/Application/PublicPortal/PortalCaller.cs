namespace HeadlessPortal.Application.PublicPortal;

/// <summary>Which tenant a browser request is for, and which origins may make it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="AllowedOrigins">The key's origins; null when the tenant was named by host name (no key, no cross-origin use).</param>
/// <param name="PortalEnabled">Whether the portal is on.</param>
public sealed record PortalCaller(Guid TenantId, IReadOnlyList<string>? AllowedOrigins, bool PortalEnabled);
