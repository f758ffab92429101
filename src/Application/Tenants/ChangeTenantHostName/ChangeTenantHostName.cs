using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Tenants.ChangeTenantHostName;

/// <summary>Changes the host name of a tenant's portal.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="HostName">The new host name, under the same rules as at creation.</param>
public sealed record ChangeTenantHostNameCommand(Guid TenantId, string HostName) : ITransactionalCommand<Result<TenantDto>>;

internal sealed class ChangeTenantHostNameHandler(IAppDbContext db, IClock clock, IOptions<TenancyOptions> options, IAuditLog audit)
    : ICommandHandler<ChangeTenantHostNameCommand, Result<TenantDto>>
{
    public async ValueTask<Result<TenantDto>> Handle(ChangeTenantHostNameCommand request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.TenantId);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("tenant");
        }

        var hostName = HostName.Create(request.HostName, options.Value.EffectiveReservedHostNames);
        if (await db.IsTakenAsync(hostName, except: id, cancellationToken))
        {
            return HostNameAvailability.Taken(hostName);
        }

        var before = tenant.HostName.Value;
        tenant.ChangeHostName(hostName, clock.UtcNow);
        if (before != hostName.Value)
        {
            audit.Record(tenant.Id, "tenant.host_name_changed", "tenant", new { hostName = before }, new { hostName = hostName.Value });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<Tenant>(nameof(Tenant.HostName)))
        {
            return HostNameAvailability.Taken(hostName);
        }

        return TenantDto.From(tenant);
    }
}
