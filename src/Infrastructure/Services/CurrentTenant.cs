using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Infrastructure.Services;

/// <summary>Scoped per request; authentication sets it from the caller's token.</summary>
public sealed class CurrentTenant : ICurrentTenant
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
}
