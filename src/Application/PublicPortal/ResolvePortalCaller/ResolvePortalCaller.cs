using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublicPortal.ResolvePortalCaller;

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
