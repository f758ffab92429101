using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Billing;

public enum ProposalStatus
{
    Open,
    Accepted,
    Declined,
    Expired,
}

/// <summary>One option of an estimate ("Good", "Better", "Best"); its total is the sum of its lines.</summary>
public sealed record ProposalOption(string Name, string? Description, IReadOnlyList<LineItem> Lines, long Total)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public ProposalOption Validated()
    {
        Guard.Required(Name, "Option name", NameMaxLength);
        if (Description is { Length: > DescriptionMaxLength })
        {
            throw new DomainException("too_long", $"An option description has at most {DescriptionMaxLength} characters.");
        }

        var lines = Lines.Select(l => l.Validated()).ToList();
        if (LineItem.Sum(lines) != Total)
        {
            throw new DomainException("option_total_mismatch", $"Option \"{Name}\": total {Total} is not the sum of its lines ({LineItem.Sum(lines)}).");
        }

        return this with { Lines = lines };
    }

    public bool SameAs(ProposalOption other) =>
        Name == other.Name && Description == other.Description && Total == other.Total && Lines.SequenceEqual(other.Lines);
}

/// <summary>A proposal (estimate) with options the customer can accept or decline.</summary>
public sealed class Proposal : SyncedEntity
{
    public const string SentEvent = "estimate.sent";
    public const int NumberMaxLength = 50;
    public const int SummaryMaxLength = 4000;
    public const int MaxOptions = 10;

    private string _number = null!;
    private Guid _customerId;
    private string _customerExternalId = null!;
    private Guid? _locationId;
    private string? _locationExternalId;
    private Guid? _jobId;
    private string? _jobExternalId;
    private ProposalStatus _status;
    private string? _summary;
    private string? _financingOfferUrl;
    private string _currency = null!;
    private List<ProposalOption> _options = [];

    private Proposal()
    {
    }

    private Proposal(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public string Number => _number;

    public Ref Customer => new(_customerId, _customerExternalId);

    public Guid CustomerId => _customerId;

    public string CustomerExternalId => _customerExternalId;

    public Ref? Location => RefOf(_locationId, _locationExternalId);

    public Guid? LocationId => _locationId;

    public string? LocationExternalId => _locationExternalId;

    public Ref? Job => RefOf(_jobId, _jobExternalId);

    public Guid? JobId => _jobId;

    public string? JobExternalId => _jobExternalId;

    public ProposalStatus Status => _status;

    public string? Summary => _summary;

    public string? FinancingOfferUrl => _financingOfferUrl;

    public string Currency => _currency;

    public IReadOnlyList<ProposalOption> Options => _options;

    public static Proposal Create(TenantId tenantId, string externalId, string number, Ref customer, Ref? location, Ref? job, ProposalStatus status,
        string? summary, string? financingOfferUrl, string currency, IReadOnlyList<ProposalOption> options, DateTimeOffset now)
    {
        var proposal = new Proposal(tenantId, externalId, now);
        proposal.Update(number, customer, location, job, status, summary, financingOfferUrl, currency, options, now);
        if (status == ProposalStatus.Open)
        {
            proposal.Raise(SentEvent);
        }

        return proposal;
    }

    /// <summary>Rules: one to ten options, each consistent; a financing offer link is https.</summary>
    public bool Update(string number, Ref customer, Ref? location, Ref? job, ProposalStatus status, string? summary, string? financingOfferUrl, string currency,
        IReadOnlyList<ProposalOption> options, DateTimeOffset now)
    {
        if (options.Count is 0 or > MaxOptions)
        {
            throw new DomainException("invalid_options", $"A proposal has 1 to {MaxOptions} options.");
        }

        if (!string.IsNullOrEmpty(financingOfferUrl) && !ContactRules.IsHttpsUrl(financingOfferUrl))
        {
            throw new DomainException("invalid_url", "A financing offer link is an absolute https URL.");
        }

        if (summary is { Length: > SummaryMaxLength })
        {
            throw new DomainException("too_long", $"A summary has at most {SummaryMaxLength} characters.");
        }

        var validated = options.Select(o => o.Validated()).ToList();
        var changed = Set(ref _number, Guard.Required(number, "Proposal number", NumberMaxLength));
        changed |= SetRef(customer, ref _customerId, ref _customerExternalId);
        changed |= SetRef(location, ref _locationId, ref _locationExternalId);
        changed |= SetRef(job, ref _jobId, ref _jobExternalId);
        changed |= Set(ref _status, status);
        changed |= Set(ref _summary, string.IsNullOrWhiteSpace(summary) ? null : summary);
        changed |= Set(ref _financingOfferUrl, string.IsNullOrEmpty(financingOfferUrl) ? null : financingOfferUrl);
        changed |= Set(ref _currency, CurrencyCode.Normalize(currency));
        if (_options.Count != validated.Count || !_options.Zip(validated).All(pair => pair.First.SameAs(pair.Second)))
        {
            _options = validated;
            changed = true;
        }

        return Stamp(changed, now);
    }
}
