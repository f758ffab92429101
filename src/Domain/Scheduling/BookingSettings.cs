using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Scheduling;

/// <summary>
/// One job type the tenant opened to customers: whether they may request it, whether they may book an arrival window for it
/// themselves (self-schedulable, which implies requestable), how long the work takes, and the business unit that does it.
/// </summary>
public sealed record BookableJobType
{
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 1440;

    public BookableJobType(Guid jobTypeId, string jobTypeExternalId, bool requestable, bool selfSchedulable, int durationMinutes, Guid? businessUnitId, string? businessUnitExternalId)
    {
        if (jobTypeId == Guid.Empty || string.IsNullOrEmpty(jobTypeExternalId))
        {
            throw new DomainException("invalid_job_type", "A bookable job type names a synced job type.");
        }

        if (selfSchedulable && !requestable)
        {
            throw new DomainException("self_schedulable_not_requestable", "A job type customers may self-schedule is one they may request too.");
        }

        if (durationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            throw new DomainException("invalid_duration", $"A duration is {MinDurationMinutes} to {MaxDurationMinutes} minutes.");
        }

        if (businessUnitId is null != string.IsNullOrEmpty(businessUnitExternalId))
        {
            throw new DomainException("invalid_business_unit", "A business unit is named by both its ids, or not at all.");
        }

        JobTypeId = jobTypeId;
        JobTypeExternalId = jobTypeExternalId;
        Requestable = requestable;
        SelfSchedulable = selfSchedulable;
        DurationMinutes = durationMinutes;
        BusinessUnitId = businessUnitId;
        BusinessUnitExternalId = businessUnitExternalId;
    }

    /// <summary>Our id of the synced job type.</summary>
    public Guid JobTypeId { get; }

    /// <summary>The back office's id of the job type.</summary>
    public string JobTypeExternalId { get; }

    /// <summary>Customers may send a request for it.</summary>
    public bool Requestable { get; }

    /// <summary>Customers may book a free arrival window for it themselves (when self-scheduling is on for the portal).</summary>
    public bool SelfSchedulable { get; }

    public int DurationMinutes { get; }

    /// <summary>Our id of the business unit that does the work; null when any unit's windows serve it.</summary>
    public Guid? BusinessUnitId { get; }

    public string? BusinessUnitExternalId { get; }
}

/// <summary>
/// What customers may book, per tenant: the bookable job types, how far ahead (horizon) and how soon (lead time) an arrival
/// window may be booked, until when before a window an appointment may still be rescheduled or canceled (cut-off), and
/// whether website visitors may send requests. Beneath the portal's features jobBooking and selfScheduling: a job type is
/// open only while job booking is on, and self-schedulable only while self-scheduling is on too (else request-only).
/// </summary>
public sealed class BookingSettings : ITenantOwned
{
    public const int DefaultHorizonDays = 30;
    public const int MinHorizonDays = 1;
    public const int MaxHorizonDays = 365;
    public const int DefaultLeadTimeHours = 24;
    public const int MaxLeadTimeHours = 720;
    public const int DefaultChangeCutOffHours = 24;
    public const int MaxChangeCutOffHours = 720;
    public const int MaxJobTypes = 200;

    private List<BookableJobType> _jobTypes = [];

    private BookingSettings()
    {
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public IReadOnlyList<BookableJobType> JobTypes => _jobTypes;

    public int HorizonDays { get; private set; }

    public int LeadTimeHours { get; private set; }

    public int ChangeCutOffHours { get; private set; }

    public bool WebsiteRequests { get; private set; }

    /// <summary>Grows with every change; 0 until the settings are first saved.</summary>
    public int Version { get; private set; }

    /// <summary>When they last changed; null while the tenant never set them.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public TimeSpan Horizon => TimeSpan.FromDays(HorizonDays);

    public TimeSpan LeadTime => TimeSpan.FromHours(LeadTimeHours);

    public TimeSpan ChangeCutOff => TimeSpan.FromHours(ChangeCutOffHours);

    /// <summary>The settings of a tenant that never set them: no job type open, 30 days ahead, 24 hours' lead time and cut-off, no website requests.</summary>
    public static BookingSettings CreateDefault(TenantId tenantId) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        HorizonDays = DefaultHorizonDays,
        LeadTimeHours = DefaultLeadTimeHours,
        ChangeCutOffHours = DefaultChangeCutOffHours,
    };

    /// <summary>
    /// Replaces every setting; answers whether anything changed. Rules: horizon 1-365 days, lead time and cut-off 0-720 hours,
    /// the lead time shorter than the horizon (else nothing could ever be booked), each job type listed once, at most 200.
    /// </summary>
    public bool Update(IEnumerable<BookableJobType> jobTypes, int horizonDays, int leadTimeHours, int changeCutOffHours, bool websiteRequests, DateTimeOffset now)
    {
        if (horizonDays is < MinHorizonDays or > MaxHorizonDays)
        {
            throw new DomainException("invalid_horizon", $"The horizon is {MinHorizonDays} to {MaxHorizonDays} days.");
        }

        if (leadTimeHours is < 0 or > MaxLeadTimeHours)
        {
            throw new DomainException("invalid_lead_time", $"The lead time is 0 to {MaxLeadTimeHours} hours.");
        }

        if (leadTimeHours >= horizonDays * 24)
        {
            throw new DomainException("lead_time_beyond_horizon", "The lead time is shorter than the horizon, or no window could ever be booked.");
        }

        if (changeCutOffHours is < 0 or > MaxChangeCutOffHours)
        {
            throw new DomainException("invalid_cut_off", $"The reschedule and cancel cut-off is 0 to {MaxChangeCutOffHours} hours.");
        }

        var list = jobTypes.ToList();
        if (list.Count > MaxJobTypes)
        {
            throw new DomainException("too_many_job_types", $"At most {MaxJobTypes} job types can be bookable.");
        }

        if (list.DistinctBy(j => j.JobTypeId).Count() != list.Count)
        {
            throw new DomainException("duplicate_job_type", "Each job type is listed once.");
        }

        var changed = !list.SequenceEqual(_jobTypes) || horizonDays != HorizonDays || leadTimeHours != LeadTimeHours
            || changeCutOffHours != ChangeCutOffHours || websiteRequests != WebsiteRequests || Version == 0;
        if (!changed)
        {
            return false;
        }

        _jobTypes = list;
        HorizonDays = horizonDays;
        LeadTimeHours = leadTimeHours;
        ChangeCutOffHours = changeCutOffHours;
        WebsiteRequests = websiteRequests;
        Version++;
        UpdatedAt = now;
        return true;
    }

    /// <summary>The settings of one job type; null when it is not bookable at all.</summary>
    public BookableJobType? For(Guid jobTypeId) => _jobTypes.FirstOrDefault(j => j.JobTypeId == jobTypeId);

    /// <summary>Whether customers may request this job type now: job booking on and the job type requestable.</summary>
    public bool CanRequest(Guid jobTypeId, PortalFeatures features) => features.JobBooking && For(jobTypeId) is { Requestable: true };

    /// <summary>Whether customers may book a window for this job type themselves: job booking and self-scheduling on, and the job type self-schedulable.</summary>
    public bool CanSelfSchedule(Guid jobTypeId, PortalFeatures features) => features.JobBooking && IsSelfSchedulable(For(jobTypeId), features);

    /// <summary>Self-scheduling of <paramref name="jobType"/> as the portal's features allow it.</summary>
    public static bool IsSelfSchedulable(BookableJobType? jobType, PortalFeatures features) =>
        features.JobBooking && features.SelfScheduling && jobType is { SelfSchedulable: true };

    /// <summary>The starts a customer may book at <paramref name="now"/>: from now plus the lead time to now plus the horizon.</summary>
    public BookingPeriod BookablePeriod(DateTimeOffset now) => new(now + LeadTime, now + Horizon);

    /// <summary>Whether an appointment in a window starting at <paramref name="windowStart"/> may still be rescheduled or canceled at <paramref name="now"/>.</summary>
    public bool CanChange(DateTimeOffset windowStart, DateTimeOffset now) => now <= windowStart - ChangeCutOff;
}

/// <summary>A span of instants, both ends included.</summary>
public readonly record struct BookingPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset time) => time >= From && time <= To;

    /// <summary>The part of this period that lies within <paramref name="other"/>; empty (From after To) when they do not meet.</summary>
    public BookingPeriod Intersect(BookingPeriod other) => new(From > other.From ? From : other.From, To < other.To ? To : other.To);

    public bool IsEmpty => From > To;
}
