using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Work;

/// <summary>Customer-facing and office-only descriptions of a job.</summary>
public sealed record JobDetails(string Number, string? Summary, string? InternalNotes, string? ProjectReference)
{
    public const int NumberMaxLength = 50;
    public const int SummaryMaxLength = 4000;
    public const int NotesMaxLength = 8000;
    public const int ProjectReferenceMaxLength = 100;

    public JobDetails Validated()
    {
        Guard.Required(Number, "Job number", NumberMaxLength);
        if (Summary is { Length: > SummaryMaxLength } || InternalNotes is { Length: > NotesMaxLength } || ProjectReference is { Length: > ProjectReferenceMaxLength })
        {
            throw new DomainException("too_long", "A job's summary, notes or project reference is too long.");
        }

        return this with { Number = Number.Trim() };
    }
}

/// <summary>Work for a customer at a location, done in one or more appointments.</summary>
public sealed class Job : SyncedEntity
{
    public const string BookedEvent = "job.booked";

    private Guid _customerId;
    private string _customerExternalId = null!;
    private Guid _locationId;
    private string _locationExternalId = null!;
    private Guid? _businessUnitId;
    private string? _businessUnitExternalId;
    private Guid? _jobTypeId;
    private string? _jobTypeExternalId;
    private string _number = null!;
    private string? _summary;
    private string? _internalNotes;
    private string? _projectReference;

    private Job()
    {
    }

    private Job(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Customer => new(_customerId, _customerExternalId);

    public Guid CustomerId => _customerId;

    public string CustomerExternalId => _customerExternalId;

    public Ref Location => new(_locationId, _locationExternalId);

    public Guid LocationId => _locationId;

    public string LocationExternalId => _locationExternalId;

    public Ref? BusinessUnit => RefOf(_businessUnitId, _businessUnitExternalId);

    public Guid? BusinessUnitId => _businessUnitId;

    public string? BusinessUnitExternalId => _businessUnitExternalId;

    public Ref? JobType => RefOf(_jobTypeId, _jobTypeExternalId);

    public Guid? JobTypeId => _jobTypeId;

    public string? JobTypeExternalId => _jobTypeExternalId;

    public string Number => _number;

    /// <summary>What the customer is told about the job.</summary>
    public string? Summary => _summary;

    /// <summary>Office-only; never leaves the Admin API.</summary>
    public string? InternalNotes => _internalNotes;

    public string? ProjectReference => _projectReference;

    /// <summary>Creates the job as the back office booked it, raising job.booked for the customer's notification.</summary>
    public static Job Create(TenantId tenantId, string externalId, Ref customer, Ref location, Ref? businessUnit, Ref? jobType, JobDetails details, DateTimeOffset now)
    {
        var job = new Job(tenantId, externalId, now);
        job.Update(customer, location, businessUnit, jobType, details, now);
        job.Raise(BookedEvent);
        return job;
    }

    public bool Update(Ref customer, Ref location, Ref? businessUnit, Ref? jobType, JobDetails details, DateTimeOffset now)
    {
        var changed = SetRef(customer, ref _customerId, ref _customerExternalId);
        changed |= SetRef(location, ref _locationId, ref _locationExternalId);
        changed |= SetRef(businessUnit, ref _businessUnitId, ref _businessUnitExternalId);
        changed |= SetRef(jobType, ref _jobTypeId, ref _jobTypeExternalId);
        var valid = details.Validated();
        changed |= Set(ref _number, valid.Number);
        changed |= Set(ref _summary, string.IsNullOrWhiteSpace(valid.Summary) ? null : valid.Summary);
        changed |= Set(ref _internalNotes, string.IsNullOrWhiteSpace(valid.InternalNotes) ? null : valid.InternalNotes);
        changed |= Set(ref _projectReference, string.IsNullOrWhiteSpace(valid.ProjectReference) ? null : valid.ProjectReference);
        return Stamp(changed, now);
    }
}
