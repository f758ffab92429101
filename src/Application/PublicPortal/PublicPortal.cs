using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PublicPortal;

/// <summary>Which tenant a browser request is for, and which origins may make it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="AllowedOrigins">The key's origins; null when the tenant was named by host name (no key, no cross-origin use).</param>
/// <param name="PortalEnabled">Whether the portal is on.</param>
public sealed record PortalCaller(Guid TenantId, IReadOnlyList<string>? AllowedOrigins, bool PortalEnabled);

/// <summary>Resolves a publishable key (or, without one, a portal host name) to its tenant.</summary>
public sealed record ResolvePortalCallerQuery(string? Key, string? HostName) : IQuery<Result<PortalCaller>>;

internal sealed class ResolvePortalCallerHandler(IAppDbContext db) : IQueryHandler<ResolvePortalCallerQuery, Result<PortalCaller>>
{
    public async ValueTask<Result<PortalCaller>> Handle(ResolvePortalCallerQuery request, CancellationToken cancellationToken)
    {
        TenantId tenantId;
        IReadOnlyList<string>? origins = null;
        if (!string.IsNullOrEmpty(request.Key))
        {
            var key = await db.PublishableKeys.IgnoreQueryFilters().AsNoTracking()
                .SingleOrDefaultAsync(k => k.Key == request.Key && k.RevokedAt == null, cancellationToken);
            if (key is null)
            {
                return new Error(ErrorKind.Unauthorized, "invalid_portal_key", "The X-Portal-Key is not a valid publishable key.");
            }

            tenantId = key.TenantId;
            origins = key.AllowedOrigins;
        }
        else if (!string.IsNullOrEmpty(request.HostName))
        {
            var hostName = HostName.FromTrusted(request.HostName);
            var tenant = await db.Tenants.AsNoTracking().Where(t => t.HostName == hostName).Select(t => new { t.Id }).SingleOrDefaultAsync(cancellationToken);
            if (tenant is null)
            {
                return Error.NotFound("portal");
            }

            tenantId = tenant.Id;
        }
        else
        {
            return new Error(ErrorKind.Unauthorized, "portal_key_required", "Send the publishable key in the X-Portal-Key header (or ?host= for the portal configuration).");
        }

        var enabled = await db.PortalSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenantId).Select(s => s.Enabled).SingleOrDefaultAsync(cancellationToken);
        return new PortalCaller(tenantId.Value, origins, enabled);
    }
}

/// <summary>Whether a browser origin appears on any active publishable key (answers CORS preflights, which carry no key).</summary>
public sealed record IsRegisteredOriginQuery(string Origin) : IQuery<bool>;

internal sealed class IsRegisteredOriginHandler(IAppDbContext db) : IQueryHandler<IsRegisteredOriginQuery, bool>
{
    public async ValueTask<bool> Handle(IsRegisteredOriginQuery request, CancellationToken cancellationToken)
    {
        var keys = await db.PublishableKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.RevokedAt == null).Select(k => k.AllowedOrigins).ToListAsync(cancellationToken);
        return keys.Any(origins => origins.Contains(request.Origin, StringComparer.Ordinal));
    }
}

/// <summary>What a front end needs to draw the portal, or its branded "not available" screen.</summary>
/// <param name="Status">available or notAvailable.</param>
/// <param name="Branding">Effective branding.</param>
/// <param name="Features">Enabled features (all false while the portal is off).</param>
/// <param name="SignInMethods">Sign-in methods to offer.</param>
/// <param name="PortalUrl">Where the portal lives.</param>
public sealed record PublicPortalDto(PortalStatus Status, EffectiveBranding Branding, PortalFeatures Features, IReadOnlyList<SignInMethod> SignInMethods, string PortalUrl);

/// <summary>Whether customers can use the portal.</summary>
public enum PortalStatus
{
    Available,
    NotAvailable,
}

/// <summary>The public configuration of a tenant's portal.</summary>
public sealed record GetPublicPortalQuery(Guid TenantId) : IQuery<Result<PublicPortalDto>>;

internal sealed class GetPublicPortalHandler(IAppDbContext db, IClock clock, IOptions<PortalOptions> options)
    : IQueryHandler<GetPublicPortalQuery, Result<PublicPortalDto>>
{
    private static readonly PortalFeatures AllOff = new(false, false, false, false, false, false, false, false, false);

    public async ValueTask<Result<PublicPortalDto>> Handle(GetPublicPortalQuery request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("portal");
        }

        var settings = await db.PortalSettings.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, clock.UtcNow);
        return new PublicPortalDto(
            settings.Enabled ? PortalStatus.Available : PortalStatus.NotAvailable,
            settings.Branding.ResolveWith(tenant.AccountSettings),
            settings.Enabled ? settings.Features : AllOff,
            settings.Enabled ? settings.SignInMethods : [],
            options.Value.PortalUrl(tenant.HostName.Value));
    }
}
