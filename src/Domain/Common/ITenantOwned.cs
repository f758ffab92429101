using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Common;

/// <summary>
/// Marks an entity that belongs to one tenant. Persistence applies a query filter on
/// <see cref="TenantId"/> to every such entity, and a test fails for an entity that is
/// neither tenant-owned nor explicitly platform-scoped.
/// </summary>
public interface ITenantOwned
{
    TenantId TenantId { get; }
}

/// <summary>Marks an entity that is deliberately shared across tenants (the tenants themselves).</summary>
public interface IPlatformScoped;
