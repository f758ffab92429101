using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Assets;

public enum VisitStatus
{
    Unscheduled,
    Scheduled,
    Completed,
    Canceled,
}

public enum MembershipStatus
{
    Active,
    Expired,
    Canceled,
}

/// <summary>A visit an agreement or membership includes; once booked it links to its job.</summary>
public sealed record PlanVisit(string Name, DateOnly TargetDate, VisitStatus Status, Ref? Job)
{
    public const int NameMaxLength = 200;
}

/// <summary>What agreements and memberships share: a period, visits, covered equipment, invoices.</summary>
public abstract class Plan : SyncedEntity
{
    public const int MaxVisits = 100;
    public const int MaxLinks = 500;

    private Guid _customerId;
    private string _customerExternalId = null!;
    private DateOnly _startDate;
    private DateOnly? _endDate;
    /// <summary>The mapped field of <see cref="Visits"/>, for a query that reads only the visits of a plan.</summary>
    public const string VisitsField = nameof(_visits);

    private List<PlanVisit> _visits = [];
    private List<Ref> _equipment = [];
    private List<Ref> _invoices = [];

    protected Plan()
    {
    }

    protected Plan(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Customer => new(_customerId, _customerExternalId);

    public Guid CustomerId => _customerId;

    public string CustomerExternalId => _customerExternalId;

    public DateOnly StartDate => _startDate;

    public DateOnly? EndDate => _endDate;

    public IReadOnlyList<PlanVisit> Visits => _visits;

    public IReadOnlyList<Ref> Equipment => _equipment;

    public IReadOnlyList<Ref> Invoices => _invoices;

    /// <summary>Rules: a plan does not end before it starts; visits are named and few; links are bounded.</summary>
    protected bool UpdatePlan(Ref customer, DateOnly startDate, DateOnly? endDate, IReadOnlyList<PlanVisit> visits, IEnumerable<Ref> equipment, IEnumerable<Ref> invoices)
    {
        if (endDate < startDate)
        {
            throw new DomainException("invalid_dates", "A plan ends on or after it starts.");
        }

        if (visits.Count > MaxVisits || visits.Any(v => string.IsNullOrWhiteSpace(v.Name) || v.Name.Length > PlanVisit.NameMaxLength))
        {
            throw new DomainException("invalid_visits", $"At most {MaxVisits} visits, each with a name of at most {PlanVisit.NameMaxLength} characters.");
        }

        var equipmentList = equipment.DistinctBy(e => e.Id).ToList();
        var invoiceList = invoices.DistinctBy(i => i.Id).ToList();
        if (equipmentList.Count > MaxLinks || invoiceList.Count > MaxLinks)
        {
            throw new DomainException("too_many_links", $"At most {MaxLinks} linked equipment and invoices.");
        }

        var changed = SetRef(customer, ref _customerId, ref _customerExternalId);
        changed |= Set(ref _startDate, startDate);
        changed |= Set(ref _endDate, endDate);
        changed |= SetList(ref _visits, visits.ToList());
        changed |= SetList(ref _equipment, equipmentList);
        changed |= SetList(ref _invoices, invoiceList);
        return changed;
    }
}

/// <summary>A plan with its own kind of status: what agreements and memberships write the same way.</summary>
public abstract class Plan<TStatus> : Plan
    where TStatus : struct, Enum
{
    private TStatus _status;

    protected Plan()
    {
    }

    protected Plan(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public TStatus Status => _status;

    /// <summary>Applies the back office's version: the plan's rules first, then its title (an agreement's name, a membership's type) and status.</summary>
    public bool Update(Ref customer, string title, TStatus status, DateOnly startDate, DateOnly? endDate,
        IReadOnlyList<PlanVisit> visits, IEnumerable<Ref> equipment, IEnumerable<Ref> invoices, DateTimeOffset now)
    {
        var changed = UpdatePlan(customer, startDate, endDate, visits, equipment, invoices);
        changed |= SetTitle(title);
        changed |= Set(ref _status, status);
        return Stamp(changed, now);
    }

    /// <summary>Sets the plan's required title; answers whether it changed.</summary>
    protected abstract bool SetTitle(string title);
}

/// <summary>A service agreement: recurring visits for a customer, usually yearly.</summary>
public sealed class Agreement : Plan<AgreementStatus>
{
    private string _name = null!;

    private Agreement()
    {
    }

    private Agreement(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public string Name => _name;

    public static Agreement Create(TenantId tenantId, string externalId, Ref customer, string name, AgreementStatus status, DateOnly startDate, DateOnly? endDate,
        IReadOnlyList<PlanVisit> visits, IEnumerable<Ref> equipment, IEnumerable<Ref> invoices, DateTimeOffset now)
    {
        var agreement = new Agreement(tenantId, externalId, now);
        agreement.Update(customer, name, status, startDate, endDate, visits, equipment, invoices, now);
        return agreement;
    }

    protected override bool SetTitle(string title) => Set(ref _name, Guard.Required(title, "Name", Limits.NameMaxLength));
}

/// <summary>A membership (a club plan with perks and included visits).</summary>
public sealed class Membership : Plan<MembershipStatus>
{
    private string _type = null!;

    private Membership()
    {
    }

    private Membership(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    /// <summary>The membership type's name, such as "Comfort Club".</summary>
    public string Type => _type;

    public static Membership Create(TenantId tenantId, string externalId, Ref customer, string type, MembershipStatus status, DateOnly startDate, DateOnly? endDate,
        IReadOnlyList<PlanVisit> visits, IEnumerable<Ref> equipment, IEnumerable<Ref> invoices, DateTimeOffset now)
    {
        var membership = new Membership(tenantId, externalId, now);
        membership.Update(customer, type, status, startDate, endDate, visits, equipment, invoices, now);
        return membership;
    }

    protected override bool SetTitle(string title) => Set(ref _type, Guard.Required(title, "Type", Limits.NameMaxLength));
}
