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

/// <summary>
/// One option of an estimate ("Good", "Better", "Best"); its total is the sum of its lines. <paramref name="Id"/> is the
/// back office's id of the option, or its 1-based position when it sent none; <paramref name="Recommended"/> marks the
/// option the company recommends (at most one per proposal).
/// </summary>
public sealed record ProposalOption(string Name, string? Description, IReadOnlyList<LineItem> Lines, long Total, string? Id = null, bool Recommended = false)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int IdMaxLength = 100;

    public ProposalOption Validated()
    {
        Guard.Required(Name, "Option name", NameMaxLength);
        if (Id is { Length: > IdMaxLength } || (Id is not null && string.IsNullOrWhiteSpace(Id)))
        {
            throw new DomainException("invalid_option_id", $"An option id has 1 to {IdMaxLength} characters.");
        }

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
        Id == other.Id && Recommended == other.Recommended && Name == other.Name && Description == other.Description && Total == other.Total
        && Lines.SequenceEqual(other.Lines);
}

/// <summary>A proposal (estimate) with options the customer can accept or decline.</summary>
public sealed class Proposal : SyncedEntity
{
    public const string SentEvent = "estimate.sent";
    public const int NumberMaxLength = 50;
    public const int SummaryMaxLength = 4000;
    public const int MaxOptions = 10;
    public const int TermsMaxLength = 20_000;

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
    /// <summary>The mapped field of <see cref="Options"/>, for a query that reads only the options of a proposal.</summary>
    public const string OptionsField = nameof(_options);

    private List<ProposalOption> _options = [];
    private DateOnly? _expiresOn;
    private string? _terms;
    private Guid? _equipmentId;
    private string? _equipmentExternalId;
    private ProposalDecision? _decision;

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

    /// <summary>The options, each with its id (rows synced before options had ids get their 1-based position).</summary>
    public IReadOnlyList<ProposalOption> Options => _options.Any(o => o.Id is null) ? WithIds(_options) : _options;

    /// <summary>The last day the proposal can be accepted, in the company's time zone; null when it does not expire.</summary>
    public DateOnly? ExpiresOn => _expiresOn;

    /// <summary>The company's terms for this estimate.</summary>
    public string? Terms => _terms;

    public Ref? Equipment => RefOf(_equipmentId, _equipmentExternalId);

    public Guid? EquipmentId => _equipmentId;

    /// <summary>The back-office id of the equipment the estimate is about (<see cref="EquipmentId"/> is null while that equipment is not synced yet).</summary>
    public string? EquipmentExternalId => _equipmentExternalId;

    /// <summary>The customer's own decision, kept beside the synced <see cref="Status"/>; a sync never erases it.</summary>
    public ProposalDecision? Decision => _decision;

    /// <summary>The option the company recommends, if any.</summary>
    public ProposalOption? RecommendedOption => Options.FirstOrDefault(o => o.Recommended);

    /// <summary>Whether the last day to accept has passed in the company's time zone (it expires at the end of <see cref="ExpiresOn"/>).</summary>
    public bool IsExpiredAt(DateTimeOffset now, TimeZoneInfo zone) =>
        _status == ProposalStatus.Expired
        || (_expiresOn is { } last && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime) > last);

    /// <summary>
    /// The status a customer sees: their own decision first (a sync saying "open" does not undo it), then the synced
    /// accepted or declined, then expired (synced, or past the last day), else open.
    /// </summary>
    public ProposalStatus EffectiveStatus(DateTimeOffset now, TimeZoneInfo zone) =>
        _decision is { } decision ? (decision.Outcome == ProposalOutcome.Accepted ? ProposalStatus.Accepted : ProposalStatus.Declined)
        : _status is ProposalStatus.Accepted or ProposalStatus.Declined ? _status
        : IsExpiredAt(now, zone) ? ProposalStatus.Expired
        : ProposalStatus.Open;

    /// <summary>
    /// Whether the back office's synced status says what the customer decided (accepted for an acceptance, declined for
    /// a decline): the company has taken the decision in. Until then the decision stands beside the synced status.
    /// </summary>
    public bool DecisionConfirmedBySync =>
        _decision is { } decision && _status == (decision.Outcome == ProposalOutcome.Accepted ? ProposalStatus.Accepted : ProposalStatus.Declined);

    /// <summary>Why the customer cannot decide now (a <see cref="ProposalDecisionRules"/> code), or null when they can.</summary>
    public string? WhyNotDecidable(DateTimeOffset now, TimeZoneInfo zone) =>
        _decision is not null || _status is ProposalStatus.Accepted or ProposalStatus.Declined ? ProposalDecisionRules.AlreadyDecided
        : IsExpiredAt(now, zone) ? ProposalDecisionRules.Expired
        : null;

    /// <summary>
    /// The customer accepts one option (rules: open, not expired, not decided before, an existing option, complete evidence).
    /// The decision is added to the proposal; of concurrent decisions the store keeps one (one decision row per proposal).
    /// </summary>
    public ProposalDecision Accept(Guid decisionId, string optionId, ProposalSignature signature, ProposalConsent consent, DecisionOrigin origin, string documentSha256,
        DecisionIdempotency? idempotency, DateTimeOffset now, TimeZoneInfo zone)
    {
        EnsureDecidable(now, zone);
        if (string.IsNullOrEmpty(optionId) || !Options.Any(o => o.Id == optionId))
        {
            throw new DomainException(ProposalDecisionRules.UnknownOption, "Accept exactly one of the proposal's options (optionId).");
        }

        _decision = ProposalDecision.Accepted(decisionId, TenantId, Id, optionId, signature, consent, origin, documentSha256, idempotency, now);
        return _decision;
    }

    /// <summary>The customer declines the proposal, with an optional reason (rules: open, not expired, not decided before).</summary>
    public ProposalDecision Decline(Guid decisionId, string? reason, DecisionOrigin origin, DecisionIdempotency? idempotency, DateTimeOffset now, TimeZoneInfo zone)
    {
        EnsureDecidable(now, zone);
        _decision = ProposalDecision.Declined(decisionId, TenantId, Id, reason, origin, idempotency, now);
        return _decision;
    }

    private void EnsureDecidable(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (DeletedAt is not null)
        {
            throw new DomainException(ProposalDecisionRules.AlreadyDecided, "The proposal was withdrawn.", DomainErrorKind.Conflict);
        }

        switch (WhyNotDecidable(now, zone))
        {
            case ProposalDecisionRules.AlreadyDecided:
                throw new DomainException(ProposalDecisionRules.AlreadyDecided, "The proposal was already accepted or declined.", DomainErrorKind.Conflict);
            case ProposalDecisionRules.Expired:
                throw new DomainException(ProposalDecisionRules.Expired, "The proposal has expired.", DomainErrorKind.Conflict);
        }
    }

    private static List<ProposalOption> WithIds(IReadOnlyList<ProposalOption> options) =>
        options.Select((o, i) => o.Id is null ? o with { Id = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) } : o).ToList();

    public static Proposal Create(TenantId tenantId, string externalId, string number, Ref customer, Ref? location, Ref? job, ProposalStatus status,
        string? summary, string? financingOfferUrl, string currency, IReadOnlyList<ProposalOption> options, DateTimeOffset now,
        DateOnly? expiresOn = null, string? terms = null, Ref? equipment = null)
    {
        var proposal = new Proposal(tenantId, externalId, now);
        proposal.Update(number, customer, location, job, status, summary, financingOfferUrl, currency, options, now, expiresOn, terms, equipment);
        if (status == ProposalStatus.Open)
        {
            proposal.Raise(SentEvent);
        }

        return proposal;
    }

    /// <summary>
    /// Rules: one to ten options, each consistent, with ids unique within the proposal (an option without one gets its
    /// 1-based position) and at most one recommended; a financing offer link is https; terms are bounded. The customer's
    /// decision is not touched: a later sync saying "open" does not erase it.
    /// </summary>
    public bool Update(string number, Ref customer, Ref? location, Ref? job, ProposalStatus status, string? summary, string? financingOfferUrl, string currency,
        IReadOnlyList<ProposalOption> options, DateTimeOffset now, DateOnly? expiresOn = null, string? terms = null, Ref? equipment = null)
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

        if (terms is { Length: > TermsMaxLength })
        {
            throw new DomainException("too_long", $"Terms have at most {TermsMaxLength} characters.");
        }

        var validated = WithIds(options.Select(o => o.Validated()).ToList());
        if (validated.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count() != validated.Count)
        {
            throw new DomainException("duplicate_option_id", "Option ids are unique within a proposal.");
        }

        if (validated.Count(o => o.Recommended) > 1)
        {
            throw new DomainException("several_recommended_options", "At most one option is recommended.");
        }

        var changed = Set(ref _number, Guard.Required(number, "Proposal number", NumberMaxLength));
        changed |= SetRef(customer, ref _customerId, ref _customerExternalId);
        changed |= SetRef(location, ref _locationId, ref _locationExternalId);
        changed |= SetRef(job, ref _jobId, ref _jobExternalId);
        changed |= Set(ref _status, status);
        changed |= Set(ref _summary, string.IsNullOrWhiteSpace(summary) ? null : summary);
        changed |= Set(ref _financingOfferUrl, string.IsNullOrEmpty(financingOfferUrl) ? null : financingOfferUrl);
        changed |= Set(ref _currency, CurrencyCode.Normalize(currency));
        changed |= Set(ref _expiresOn, expiresOn);
        changed |= Set(ref _terms, string.IsNullOrWhiteSpace(terms) ? null : terms);
        changed |= Set(ref _equipmentId, equipment is { Id: var equipmentId } && equipmentId != Guid.Empty ? equipmentId : null);
        changed |= Set(ref _equipmentExternalId, equipment?.ExternalId);
        if (_options.Count != validated.Count || !_options.Zip(validated).All(pair => pair.First.SameAs(pair.Second)))
        {
            _options = validated;
            changed = true;
        }

        return Stamp(changed, now);
    }
}
