using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Infrastructure.Services;

/// <summary>Scoped per request; authentication sets it from the caller's token, startup seeding through <see cref="ITenantScope"/>.</summary>
public sealed class CurrentTenant : ICurrentTenant, ITenantScope
{
    public TenantId? Id { get; private set; }

    public void Set(TenantId tenantId)
    {
        if (Id is { } existing && existing != tenantId)
        {
            throw new InvalidOperationException("The current tenant cannot change within a scope.");
        }

        Id = tenantId;
    }

    void ITenantScope.Enter(TenantId tenantId) => Set(tenantId);
}
