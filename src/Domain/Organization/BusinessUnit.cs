using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Organization;

/// <summary>A division of the company (e.g. "Residential HVAC"); invoices belong to one, and the portal shows only visible ones.</summary>
public sealed class BusinessUnit : SyncedEntity
{
    private string _name = null!;
    private bool _active;

    private BusinessUnit()
    {
    }

    private BusinessUnit(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public string Name => _name;

    public bool Active => _active;

    public static BusinessUnit Create(TenantId tenantId, string externalId, string name, bool active, DateTimeOffset now)
    {
        var unit = new BusinessUnit(tenantId, externalId, now);
        unit.Update(name, active, now);
        return unit;
    }

    /// <summary>Applies the back office's current values; returns false when nothing changed.</summary>
    public bool Update(string name, bool active, DateTimeOffset now)
    {
        var changed = Set(ref _name, Guard.Required(name, "Name", Limits.NameMaxLength));
        changed |= Set(ref _active, active);
        return Stamp(changed, now);
    }
}
