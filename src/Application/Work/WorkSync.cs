using FluentValidation;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Work;
using HeadlessPortal.Application.Common.Validation;

namespace HeadlessPortal.Application.Work;

/// <summary>A technician (PUT /v1/admin/technicians/{externalId}).</summary>
/// <param name="DisplayName">The name customers see, such as "Mike R.".</param>
/// <param name="PhotoUrl">An https photo on a public host.</param>
public sealed record TechnicianDocument(string DisplayName, string? PhotoUrl);

public sealed record TechnicianView(Guid Id, string ExternalId, string DisplayName, string? PhotoUrl, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class TechnicianDocumentValidator : AbstractValidator<TechnicianDocument>
{
    public TechnicianDocumentValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("displayName is required.").MaximumLength(Technician.DisplayNameMaxLength);
        RuleFor(x => x.PhotoUrl).Must(u => string.IsNullOrEmpty(u) || ContactRules.IsPublicHttpsUrl(u)).WithMessage("photoUrl must be an https URL on a public host.");
    }
}

internal sealed class TechnicianSync(IValidator<TechnicianDocument> validator) : SyncResource<Technician, TechnicianDocument, TechnicianView>(validator)
{
    public override string Name => "technicians";

    public override string ImportType => "technician";

    protected override string Singular => "technician";

    protected override Task<Technician?> ApplyAsync(SyncContext context, Technician? existing, string externalId, TechnicianDocument document, CancellationToken ct)
    {
        if (existing is null)
        {
            return Task.FromResult<Technician?>(Technician.Create(context.TenantId, externalId, document.DisplayName, document.PhotoUrl, context.Now));
        }

        existing.Update(document.DisplayName, document.PhotoUrl, context.Now);
        return Task.FromResult<Technician?>(existing);
    }

    public override TechnicianView ToView(Technician t) => new(t.Id, t.ExternalId, t.DisplayName, t.PhotoUrl, t.CreatedAt, t.UpdatedAt, t.DeletedAt);
}

/// <summary>A job type (PUT /v1/admin/job-types/{externalId}).</summary>
/// <param name="Name">Such as "AC repair".</param>
public sealed record JobTypeDocument(string Name);

public sealed record JobTypeView(Guid Id, string ExternalId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class JobTypeDocumentValidator : AbstractValidator<JobTypeDocument>
{
    public JobTypeDocumentValidator() => RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(Limits.NameMaxLength);
}

internal sealed class JobTypeSync(IValidator<JobTypeDocument> validator) : SyncResource<JobType, JobTypeDocument, JobTypeView>(validator)
{
    public override string Name => "job-types";

    public override string ImportType => "jobType";

    protected override string Singular => "job type";

    protected override Task<JobType?> ApplyAsync(SyncContext context, JobType? existing, string externalId, JobTypeDocument document, CancellationToken ct)
    {
        if (existing is null)
        {
            return Task.FromResult<JobType?>(JobType.Create(context.TenantId, externalId, document.Name, context.Now));
        }

        existing.Update(document.Name, context.Now);
        return Task.FromResult<JobType?>(existing);
    }

    public override JobTypeView ToView(JobType t) => new(t.Id, t.ExternalId, t.Name, t.CreatedAt, t.UpdatedAt, t.DeletedAt);
}

/// <summary>A job (PUT /v1/admin/jobs/{externalId}). References are the back office's ids.</summary>
/// <param name="Number">The job number customers see.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="LocationId">Where the work happens.</param>
/// <param name="BusinessUnitId">The business unit.</param>
/// <param name="JobTypeId">The job type.</param>
/// <param name="Summary">Customer-facing summary.</param>
/// <param name="InternalNotes">Office-only notes; never shown to customers.</param>
/// <param name="ProjectReference">The project the job belongs to, if any.</param>
public sealed record JobDocument(string Number, string CustomerId, string LocationId, string? BusinessUnitId, string? JobTypeId, string? Summary, string? InternalNotes, string? ProjectReference);

public sealed record JobView(Guid Id, string ExternalId, string Number, string CustomerId, string LocationId, string? BusinessUnitId, string? JobTypeId,
    string? Summary, string? InternalNotes, string? ProjectReference, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class JobDocumentValidator : AbstractValidator<JobDocument>
{
    public JobDocumentValidator()
    {
        RuleFor(x => x.Number).NotEmpty().WithMessage("number is required.").MaximumLength(JobDetails.NumberMaxLength);
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("customerId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.LocationId).NotEmpty().WithMessage("locationId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.BusinessUnitId).MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.JobTypeId).MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Summary).MaximumLength(JobDetails.SummaryMaxLength);
        RuleFor(x => x.InternalNotes).MaximumLength(JobDetails.NotesMaxLength);
        RuleFor(x => x.ProjectReference).MaximumLength(JobDetails.ProjectReferenceMaxLength);
    }
}

internal sealed class JobSync(IValidator<JobDocument> validator) : SyncResource<Job, JobDocument, JobView>(validator)
{
    public override string Name => "jobs";

    public override string ImportType => "job";

    public override int ApplyStage => 2;

    protected override string Singular => "job";

    protected override async Task<Job?> ApplyAsync(SyncContext context, Job? existing, string externalId, JobDocument d, CancellationToken ct)
    {
        var customer = await context.ResolveAsync<Customer>("customerId", d.CustomerId, ct);
        var location = await context.ResolveAsync<Location>("locationId", d.LocationId, ct);
        var unit = await context.ResolveAsync<BusinessUnit>("businessUnitId", d.BusinessUnitId, ct);
        var jobType = await context.ResolveAsync<JobType>("jobTypeId", d.JobTypeId, ct);
        if (context.HasErrors)
        {
            return null;
        }

        var details = new JobDetails(d.Number, d.Summary, d.InternalNotes, d.ProjectReference);
        if (existing is null)
        {
            return Job.Create(context.TenantId, externalId, customer!.Value, location!.Value, unit, jobType, details, context.Now);
        }

        existing.Update(customer!.Value, location!.Value, unit, jobType, details, context.Now);
        return existing;
    }

    protected override async Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<JobDocument> documents, CancellationToken ct)
    {
        await context.PreloadAsync<Customer>(documents.Select(d => d.CustomerId), ct);
        await context.PreloadAsync<Location>(documents.Select(d => d.LocationId), ct);
        await context.PreloadAsync<JobType>(documents.Select(d => d.JobTypeId!), ct);
        await context.PreloadAsync<BusinessUnit>(documents.Select(d => d.BusinessUnitId!), ct);
    }

    public override JobView ToView(Job j) => new(j.Id, j.ExternalId, j.Number, j.CustomerExternalId, j.LocationExternalId, j.BusinessUnitExternalId, j.JobTypeExternalId,
        j.Summary, j.InternalNotes, j.ProjectReference, j.CreatedAt, j.UpdatedAt, j.DeletedAt);
}

/// <summary>An appointment (PUT /v1/admin/appointments/{externalId}).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Start">When it starts (ISO 8601 with offset).</param>
/// <param name="End">When it ends; after the start.</param>
/// <param name="ArrivalWindowStart">Earliest arrival; with arrivalWindowEnd, within one day.</param>
/// <param name="ArrivalWindowEnd">Latest arrival.</param>
/// <param name="Status">scheduled, dispatched, enRoute, working, onHold, completed or canceled.</param>
/// <param name="TechnicianIds">Assigned technicians.</param>
public sealed record AppointmentDocument(string JobId, DateTimeOffset? Start, DateTimeOffset? End, DateTimeOffset? ArrivalWindowStart, DateTimeOffset? ArrivalWindowEnd,
    AppointmentStatus? Status, IReadOnlyList<string>? TechnicianIds);

public sealed record AppointmentView(Guid Id, string ExternalId, string JobId, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ArrivalWindowStart,
    DateTimeOffset? ArrivalWindowEnd, AppointmentStatus Status, IReadOnlyList<string> TechnicianIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class AppointmentDocumentValidator : AbstractValidator<AppointmentDocument>
{
    public AppointmentDocumentValidator()
    {
        RuleFor(x => x.JobId).NotEmpty().WithMessage("jobId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Start).NotNull().WithMessage("start is required.");
        RuleFor(x => x.End).NotNull().WithMessage("end is required.")
            .GreaterThan(x => x.Start).When(x => x.Start is not null).WithMessage("end must be after start.");
        RuleFor(x => x.Status).NotNull().WithMessage("status is required.").IsInEnum();
        RuleFor(x => x.ArrivalWindowEnd).NotNull().When(x => x.ArrivalWindowStart is not null).WithMessage("arrivalWindowEnd is required with arrivalWindowStart.");
        RuleFor(x => x.ArrivalWindowStart).NotNull().When(x => x.ArrivalWindowEnd is not null).WithMessage("arrivalWindowStart is required with arrivalWindowEnd.");
        RuleFor(x => x.ArrivalWindowEnd)
            .Must((doc, end) => end > doc.ArrivalWindowStart && doc.ArrivalWindowStart!.Value.ToOffset(end!.Value.Offset).Date == end.Value.Date)
            .When(x => x.ArrivalWindowStart is not null && x.ArrivalWindowEnd is not null)
            .WithMessage("The arrival window starts before it ends, within one day.");
        RuleFor(x => x.TechnicianIds).MaxItems(Appointment.MaxTechnicians).WithMessage($"At most {Appointment.MaxTechnicians} technicians.");
    }
}

internal sealed class AppointmentSync(IValidator<AppointmentDocument> validator) : SyncResource<Appointment, AppointmentDocument, AppointmentView>(validator)
{
    public override string Name => "appointments";

    public override string ImportType => "appointment";

    public override int ApplyStage => 3;

    protected override string Singular => "appointment";

    protected override async Task<Appointment?> ApplyAsync(SyncContext context, Appointment? existing, string externalId, AppointmentDocument d, CancellationToken ct)
    {
        var job = await context.ResolveAsync<Job>("jobId", d.JobId, ct);
        var technicians = await context.ResolveManyAsync<Technician>("technicianIds", d.TechnicianIds, ct);
        if (context.HasErrors)
        {
            return null;
        }

        var times = new AppointmentTimes(d.Start!.Value, d.End!.Value, d.ArrivalWindowStart, d.ArrivalWindowEnd);
        if (existing is null)
        {
            return Appointment.Create(context.TenantId, externalId, job!.Value, times, d.Status!.Value, technicians, context.Now);
        }

        existing.Update(job!.Value, times, d.Status!.Value, technicians, context.Now);
        return existing;
    }

    protected override async Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<AppointmentDocument> documents, CancellationToken ct)
    {
        await context.PreloadAsync<Job>(documents.Select(d => d.JobId), ct);
        await context.PreloadAsync<Technician>(documents.SelectMany(d => d.TechnicianIds ?? []), ct);
    }

    public override AppointmentView ToView(Appointment a) => new(a.Id, a.ExternalId, a.JobExternalId, a.Start, a.End, a.ArrivalWindowStart, a.ArrivalWindowEnd,
        a.Status, a.Technicians.Select(t => t.ExternalId).ToList(), a.CreatedAt, a.UpdatedAt, a.DeletedAt);
}
