using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PortalSettings.GetPortalSettings;

/// <summary>The current tenant's portal settings.</summary>
public sealed record GetPortalSettingsQuery : IQuery<Result<PortalSettingsDto>>;

internal sealed class GetPortalSettingsHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IOptions<PortalOptions> options)
    : IQueryHandler<GetPortalSettingsQuery, Result<PortalSettingsDto>>
{
    public async ValueTask<Result<PortalSettingsDto>> Handle(GetPortalSettingsQuery request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("tenant");
        }

        // Reading never writes: a tenant without stored settings sees the defaults.
        var settings = await db.PortalSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, clock.UtcNow);
        return await db.ToDtoAsync(settings, tenant, options.Value, cancellationToken);
    }
}
