using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Organization;

/// <summary>A division of the company (e.g. "Residential HVAC"); invoices belong to one, and the portal shows only visible ones.</summary>
public sealed class BusinessUnit : ITenantOwned, IExternallyIdentified
{
    private BusinessUnit()
    {
        ExternalId = null!;
        Name = null!;
    }

    private BusinessUnit(TenantId tenantId, string externalId, string name, bool active, DateTimeOffset now)
    {
        Id = UuidV7.NewGuid();
        TenantId = tenantId;
        ExternalId = externalId;
        Name = name;
        Active = active;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The back office's own id; upserts are keyed by it.</summary>
    public string ExternalId { get; private set; }

    public string Name { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static BusinessUnit Create(TenantId tenantId, string externalId, string name, bool active, DateTimeOffset now) =>
        new(tenantId, Guard.Required(externalId, "External id", Limits.ExternalIdMaxLength), Guard.Required(name, "Name", Limits.NameMaxLength), active, now);

    /// <summary>Applies the back office's current values; returns false when nothing changed.</summary>
    public bool Update(string name, bool active, DateTimeOffset now)
    {
        var trimmed = Guard.Required(name, "Name", Limits.NameMaxLength);
        if (trimmed == Name && active == Active)
        {
            return false;
        }

        Name = trimmed;
        Active = active;
        UpdatedAt = now;
        return true;
    }
}
