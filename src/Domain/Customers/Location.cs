using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Customers;

/// <summary>A place where the company works for a customer (a house, a store).</summary>
public sealed class Location : SyncedEntity
{
    private Guid _customerId;
    private string _customerExternalId = null!;
    private string? _name;
    private Address _address = null!;

    private Location()
    {
    }

    private Location(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Customer => new(_customerId, _customerExternalId);

    public Guid CustomerId => _customerId;

    public string CustomerExternalId => _customerExternalId;

    public string? Name => _name;

    public Address Address => _address;

    public static Location Create(TenantId tenantId, string externalId, Ref customer, string? name, Address address, DateTimeOffset now)
    {
        var location = new Location(tenantId, externalId, now);
        location.Update(customer, name, address, now);
        return location;
    }

    public bool Update(Ref customer, string? name, Address address, DateTimeOffset now)
    {
        var changed = SetRef(customer, ref _customerId, ref _customerExternalId);
        changed |= Set(ref _name, string.IsNullOrWhiteSpace(name) ? null : Guard.Required(name, "Name", Limits.NameMaxLength));
        changed |= Set(ref _address, address ?? throw new DomainException("required", "A location needs an address."));
        return Stamp(changed, now);
    }
}
