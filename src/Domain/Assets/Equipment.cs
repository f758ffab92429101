using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Assets;

/// <summary>A warranty: from, until, and its terms. Rule: it does not end before it starts.</summary>
public sealed record Warranty(DateOnly Start, DateOnly End, string? Terms)
{
    public const int TermsMaxLength = 2000;

    public Warranty Validated() =>
        End < Start ? throw new DomainException("invalid_warranty", "A warranty ends on or after it starts.")
        : Terms is { Length: > TermsMaxLength } ? throw new DomainException("too_long", $"Warranty terms have at most {TermsMaxLength} characters.")
        : this;
}

/// <summary>What a piece of equipment is.</summary>
public sealed record EquipmentDescription(string Type, string? Manufacturer, string? Model, string? Serial, DateOnly? InstalledOn)
{
    public const int TextMaxLength = 100;

    public EquipmentDescription Validated()
    {
        Guard.Required(Type, "Type", TextMaxLength);
        if (new[] { Manufacturer, Model, Serial }.Any(v => v is { Length: > TextMaxLength }))
        {
            throw new DomainException("too_long", $"Manufacturer, model and serial have at most {TextMaxLength} characters.");
        }

        return this;
    }
}

/// <summary>A unit at a customer's location (furnace, AC, water heater) with its warranties and history links.</summary>
public sealed class Equipment : SyncedEntity
{
    public const int MaxLinks = 500;

    private Guid _locationId;
    private string _locationExternalId = null!;
    private string _type = null!;
    private string? _manufacturer;
    private string? _model;
    private string? _serial;
    private string? _serialKey;
    private DateOnly? _installedOn;
    private Warranty? _manufacturerWarranty;
    private Warranty? _serviceWarranty;
    private List<Ref> _jobs = [];
    private List<Ref> _proposals = [];

    private Equipment()
    {
    }

    private Equipment(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Location => new(_locationId, _locationExternalId);

    public Guid LocationId => _locationId;

    public string LocationExternalId => _locationExternalId;

    public string Type => _type;

    public string? Manufacturer => _manufacturer;

    public string? Model => _model;

    public string? Serial => _serial;

    /// <summary>The serial reduced for search (<see cref="SerialSearch.Key"/>); kept with the serial.</summary>
    public string? SerialKey => _serialKey;

    public DateOnly? InstalledOn => _installedOn;

    public Warranty? ManufacturerWarranty => _manufacturerWarranty;

    public Warranty? ServiceWarranty => _serviceWarranty;

    /// <summary>Jobs that serviced it (its service history).</summary>
    public IReadOnlyList<Ref> Jobs => _jobs;

    /// <summary>Proposals that quoted work on it.</summary>
    public IReadOnlyList<Ref> Proposals => _proposals;

    public static Equipment Create(TenantId tenantId, string externalId, Ref location, EquipmentDescription description, Warranty? manufacturerWarranty,
        Warranty? serviceWarranty, IEnumerable<Ref> jobs, IEnumerable<Ref> proposals, DateTimeOffset now)
    {
        var equipment = new Equipment(tenantId, externalId, now);
        equipment.Update(location, description, manufacturerWarranty, serviceWarranty, jobs, proposals, now);
        return equipment;
    }

    public bool Update(Ref location, EquipmentDescription description, Warranty? manufacturerWarranty, Warranty? serviceWarranty,
        IEnumerable<Ref> jobs, IEnumerable<Ref> proposals, DateTimeOffset now)
    {
        var d = description.Validated();
        var jobList = jobs.DistinctBy(j => j.Id).ToList();
        var proposalList = proposals.DistinctBy(p => p.Id).ToList();
        if (jobList.Count > MaxLinks || proposalList.Count > MaxLinks)
        {
            throw new DomainException("too_many_links", $"At most {MaxLinks} linked jobs and proposals.");
        }

        var changed = SetRef(location, ref _locationId, ref _locationExternalId);
        changed |= Set(ref _type, d.Type.Trim());
        changed |= Set(ref _manufacturer, d.Manufacturer);
        changed |= Set(ref _model, d.Model);
        changed |= Set(ref _serial, d.Serial);
        _serialKey = SerialSearch.Key(_serial);
        changed |= Set(ref _installedOn, d.InstalledOn);
        changed |= Set(ref _manufacturerWarranty, manufacturerWarranty?.Validated());
        changed |= Set(ref _serviceWarranty, serviceWarranty?.Validated());
        changed |= SetList(ref _jobs, jobList);
        changed |= SetList(ref _proposals, proposalList);
        return Stamp(changed, now);
    }
}
