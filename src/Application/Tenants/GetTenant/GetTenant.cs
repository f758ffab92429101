using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Tenants.GetTenant;

public sealed record GetTenantQuery(Guid TenantId) : IQuery<Result<TenantDto>>;

internal sealed class GetTenantHandler(IAppDbContext db) : IQueryHandler<GetTenantQuery, Result<TenantDto>>
{
    public async ValueTask<Result<TenantDto>> Handle(GetTenantQuery request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.TenantId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tenant is null ? Error.NotFound("tenant") : TenantDto.From(tenant);
    }
}
