using FluentValidation;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Work;
using HeadlessPortal.Application.Common.Validation;

namespace HeadlessPortal.Application.Assets;

/// <summary>A warranty.</summary>
/// <param name="Start">yyyy-MM-dd.</param>
/// <param name="End">yyyy-MM-dd, on or after the start.</param>
/// <param name="Terms">What it covers.</param>
public sealed record WarrantyDocument(DateOnly Start, DateOnly End, string? Terms)
{
    public Warranty ToDomain() => new(Start, End, Terms);

    public static WarrantyDocument? From(Warranty? w) => w is null ? null : new(w.Start, w.End, w.Terms);
}

internal sealed class WarrantyDocumentValidator : AbstractValidator<WarrantyDocument>
{
    public WarrantyDocumentValidator()
    {
        RuleFor(x => x.End).GreaterThanOrEqualTo(x => x.Start).WithMessage("end is on or after start.");
        RuleFor(x => x.Terms).MaximumLength(Warranty.TermsMaxLength);
    }
}

/// <summary>Equipment at a location (PUT /v1/admin/equipment/{externalId}).</summary>
/// <param name="LocationId">Where it is installed.</param>
/// <param name="Type">Such as "Furnace", "Air conditioner".</param>
/// <param name="Manufacturer">Maker.</param>
/// <param name="Model">Model.</param>
/// <param name="Serial">Serial number (customers search by it).</param>
/// <param name="InstalledOn">yyyy-MM-dd.</param>
/// <param name="ManufacturerWarranty">The maker's warranty.</param>
/// <param name="ServiceWarranty">The company's own warranty.</param>
/// <param name="JobIds">Jobs that serviced it.</param>
/// <param name="ProposalIds">Proposals that quoted work on it.</param>
public sealed record EquipmentDocument(string LocationId, string Type, string? Manufacturer, string? Model, string? Serial, DateOnly? InstalledOn,
    WarrantyDocument? ManufacturerWarranty, WarrantyDocument? ServiceWarranty, IReadOnlyList<string>? JobIds, IReadOnlyList<string>? ProposalIds);

public sealed record EquipmentView(Guid Id, string ExternalId, string LocationId, string Type, string? Manufacturer, string? Model, string? Serial, DateOnly? InstalledOn,
    WarrantyDocument? ManufacturerWarranty, WarrantyDocument? ServiceWarranty, IReadOnlyList<string> JobIds, IReadOnlyList<string> ProposalIds,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class EquipmentDocumentValidator : AbstractValidator<EquipmentDocument>
{
    public EquipmentDocumentValidator()
    {
        RuleFor(x => x.LocationId).NotEmpty().WithMessage("locationId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Type).NotEmpty().WithMessage("type is required.").MaximumLength(EquipmentDescription.TextMaxLength);
        RuleFor(x => x.Manufacturer).MaximumLength(EquipmentDescription.TextMaxLength);
        RuleFor(x => x.Model).MaximumLength(EquipmentDescription.TextMaxLength);
        RuleFor(x => x.Serial).MaximumLength(EquipmentDescription.TextMaxLength);
        RuleFor(x => x.ManufacturerWarranty!).SetValidator(new WarrantyDocumentValidator()).When(x => x.ManufacturerWarranty is not null);
        RuleFor(x => x.ServiceWarranty!).SetValidator(new WarrantyDocumentValidator()).When(x => x.ServiceWarranty is not null);
        RuleFor(x => x.JobIds).MaxItems(Equipment.MaxLinks);
        RuleFor(x => x.ProposalIds).MaxItems(Equipment.MaxLinks);
    }
}

internal sealed class EquipmentSync(IValidator<EquipmentDocument> validator) : SyncResource<Equipment, EquipmentDocument, EquipmentView>(validator)
{
    public override string Name => "equipment";

    public override string ImportType => "equipment";

    public override int ApplyStage => 4;

    protected override string Singular => "equipment";

    protected override async Task<Equipment?> ApplyAsync(SyncContext context, Equipment? existing, string externalId, EquipmentDocument d, CancellationToken ct)
    {
        var location = await context.ResolveAsync<Location>("locationId", d.LocationId, ct);
        var jobs = await context.ResolveManyAsync<Job>("jobIds", d.JobIds, ct);
        var proposals = await context.ResolveManyAsync<Proposal>("proposalIds", d.ProposalIds, ct);
        if (context.HasErrors)
        {
            return null;
        }

        var description = new EquipmentDescription(d.Type, d.Manufacturer, d.Model, d.Serial, d.InstalledOn);
        if (existing is null)
        {
            return Equipment.Create(context.TenantId, externalId, location!.Value, description, d.ManufacturerWarranty?.ToDomain(), d.ServiceWarranty?.ToDomain(), jobs, proposals, context.Now);
        }

        existing.Update(location!.Value, description, d.ManufacturerWarranty?.ToDomain(), d.ServiceWarranty?.ToDomain(), jobs, proposals, context.Now);
        return existing;
    }

    public override EquipmentView ToView(Equipment e) => new(e.Id, e.ExternalId, e.LocationExternalId, e.Type, e.Manufacturer, e.Model, e.Serial, e.InstalledOn,
        WarrantyDocument.From(e.ManufacturerWarranty), WarrantyDocument.From(e.ServiceWarranty),
        e.Jobs.Select(j => j.ExternalId).ToList(), e.Proposals.Select(p => p.ExternalId).ToList(), e.CreatedAt, e.UpdatedAt, e.DeletedAt);
}

/// <summary>A visit of an agreement or membership.</summary>
/// <param name="Name">Such as "Spring AC tune-up".</param>
/// <param name="TargetDate">yyyy-MM-dd.</param>
/// <param name="Status">unscheduled, scheduled, completed or canceled.</param>
/// <param name="JobId">The job it was booked as, once booked.</param>
public sealed record VisitDocument(string Name, DateOnly TargetDate, VisitStatus Status, string? JobId);

internal sealed class VisitDocumentValidator : AbstractValidator<VisitDocument>
{
    public VisitDocumentValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(PlanVisit.NameMaxLength);
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.JobId).MaximumLength(Limits.ExternalIdMaxLength);
    }
}

/// <summary>The fields agreements and memberships share.</summary>
public interface IPlanDocument
{
    string CustomerId { get; }

    DateOnly? StartDate { get; }

    DateOnly? EndDate { get; }

    IReadOnlyList<VisitDocument>? Visits { get; }

    IReadOnlyList<string>? EquipmentIds { get; }

    IReadOnlyList<string>? InvoiceIds { get; }
}

/// <summary>Rules every plan document follows.</summary>
internal sealed class PlanDocumentRules<T> : AbstractValidator<T>
    where T : IPlanDocument
{
    public PlanDocumentRules()
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("customerId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.StartDate).NotNull().WithMessage("startDate is required.");
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).When(x => x.EndDate is not null && x.StartDate is not null).WithMessage("endDate is on or after startDate.");
        RuleFor(x => x.Visits).MaxItems(Plan.MaxVisits).WithMessage($"At most {Plan.MaxVisits} visits.");
        RuleForEach(x => x.Visits).SetValidator(new VisitDocumentValidator());
        RuleFor(x => x.EquipmentIds).MaxItems(Plan.MaxLinks).WithMessage($"At most {Plan.MaxLinks} equipment.");
        RuleFor(x => x.InvoiceIds).MaxItems(Plan.MaxLinks).WithMessage($"At most {Plan.MaxLinks} invoices.");
    }
}

/// <summary>What agreements and memberships share when synced.</summary>
internal static class PlanSync
{
    public static async Task<(Ref? Customer, List<PlanVisit> Visits, IReadOnlyList<Ref> Equipment, IReadOnlyList<Ref> Invoices)> ResolveAsync(
        SyncContext context, IPlanDocument document, CancellationToken ct)
    {
        var customer = await context.ResolveAsync<Customer>("customerId", document.CustomerId, ct);
        var planVisits = new List<PlanVisit>();
        foreach (var (visit, index) in (document.Visits ?? []).Select((v, i) => (v, i)))
        {
            var job = await context.ResolveAsync<Job>($"visits[{index}].jobId", visit.JobId, ct);
            planVisits.Add(new PlanVisit(visit.Name, visit.TargetDate, visit.Status, job));
        }

        var equipment = await context.ResolveManyAsync<Equipment>("equipmentIds", document.EquipmentIds, ct);
        var invoices = await context.ResolveManyAsync<Invoice>("invoiceIds", document.InvoiceIds, ct);
        return (customer, planVisits, equipment, invoices);
    }

    public static IReadOnlyList<VisitDocument> Visits(Plan plan) =>
        plan.Visits.Select(v => new VisitDocument(v.Name, v.TargetDate, v.Status, v.Job?.ExternalId)).ToList();
}

/// <summary>How a plan type creates a plan (its domain factory).</summary>
internal delegate TPlan CreatePlan<TPlan, TStatus>(TenantId tenantId, string externalId, Ref customer, string title, TStatus status, DateOnly startDate, DateOnly? endDate,
    IReadOnlyList<PlanVisit> visits, IEnumerable<Ref> equipment, IEnumerable<Ref> invoices, DateTimeOffset now);

/// <summary>Syncs agreements and memberships alike: resolves the customer, the visits' jobs, the equipment and invoices, then creates or updates the plan.</summary>
internal abstract class PlanSyncResource<TPlan, TStatus, TDocument, TView>(IValidator<TDocument> validator, CreatePlan<TPlan, TStatus> create)
    : SyncResource<TPlan, TDocument, TView>(validator)
    where TPlan : Plan<TStatus>
    where TStatus : struct, Enum
    where TDocument : class, IPlanDocument
    where TView : notnull
{
    public override int ApplyStage => 5;

    /// <summary>The document's title (an agreement's name, a membership's type) and status, both validated as present.</summary>
    protected abstract (string Title, TStatus Status) TitleAndStatus(TDocument document);

    protected override async Task<TPlan?> ApplyAsync(SyncContext context, TPlan? existing, string externalId, TDocument d, CancellationToken ct)
    {
        var (customer, visits, equipment, invoices) = await PlanSync.ResolveAsync(context, d, ct);
        if (context.HasErrors)
        {
            return null;
        }

        var (title, status) = TitleAndStatus(d);
        if (existing is null)
        {
            return create(context.TenantId, externalId, customer!.Value, title, status, d.StartDate!.Value, d.EndDate, visits, equipment, invoices, context.Now);
        }

        existing.Update(customer!.Value, title, status, d.StartDate!.Value, d.EndDate, visits, equipment, invoices, context.Now);
        return existing;
    }
}

/// <summary>A service agreement (PUT /v1/admin/agreements/{externalId}).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Such as "Gold maintenance plan".</param>
/// <param name="Status">pending, active, suspended, expired or canceled.</param>
/// <param name="StartDate">yyyy-MM-dd.</param>
/// <param name="EndDate">yyyy-MM-dd, on or after the start.</param>
/// <param name="Visits">The visits it includes.</param>
/// <param name="EquipmentIds">Covered equipment.</param>
/// <param name="InvoiceIds">Its invoices.</param>
public sealed record AgreementDocument(string CustomerId, string Name, AgreementStatus? Status, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<VisitDocument>? Visits, IReadOnlyList<string>? EquipmentIds, IReadOnlyList<string>? InvoiceIds) : IPlanDocument;

public sealed record AgreementView(Guid Id, string ExternalId, string CustomerId, string Name, AgreementStatus Status, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<VisitDocument> Visits, IReadOnlyList<string> EquipmentIds, IReadOnlyList<string> InvoiceIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class AgreementDocumentValidator : AbstractValidator<AgreementDocument>
{
    public AgreementDocumentValidator()
    {
        Include(new PlanDocumentRules<AgreementDocument>());
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(Limits.NameMaxLength);
        RuleFor(x => x.Status).NotNull().WithMessage("status is required.").IsInEnum();
    }
}

internal sealed class AgreementSync(IValidator<AgreementDocument> validator)
    : PlanSyncResource<Agreement, AgreementStatus, AgreementDocument, AgreementView>(validator, Agreement.Create)
{
    public override string Name => "agreements";

    public override string ImportType => "agreement";

    protected override string Singular => "agreement";

    protected override (string Title, AgreementStatus Status) TitleAndStatus(AgreementDocument d) => (d.Name, d.Status!.Value);

    public override AgreementView ToView(Agreement a) => new(a.Id, a.ExternalId, a.CustomerExternalId, a.Name, a.Status, a.StartDate, a.EndDate, PlanSync.Visits(a),
        a.Equipment.Select(e => e.ExternalId).ToList(), a.Invoices.Select(i => i.ExternalId).ToList(), a.CreatedAt, a.UpdatedAt, a.DeletedAt);
}

/// <summary>A membership (PUT /v1/admin/memberships/{externalId}).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Type">The membership type, such as "Comfort Club".</param>
/// <param name="Status">active, expired or canceled.</param>
/// <param name="StartDate">yyyy-MM-dd.</param>
/// <param name="EndDate">yyyy-MM-dd, on or after the start.</param>
/// <param name="Visits">The visits it includes.</param>
/// <param name="EquipmentIds">Covered equipment.</param>
/// <param name="InvoiceIds">Its invoices.</param>
public sealed record MembershipDocument(string CustomerId, string Type, MembershipStatus? Status, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<VisitDocument>? Visits, IReadOnlyList<string>? EquipmentIds, IReadOnlyList<string>? InvoiceIds) : IPlanDocument;

public sealed record MembershipView(Guid Id, string ExternalId, string CustomerId, string Type, MembershipStatus Status, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<VisitDocument> Visits, IReadOnlyList<string> EquipmentIds, IReadOnlyList<string> InvoiceIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class MembershipDocumentValidator : AbstractValidator<MembershipDocument>
{
    public MembershipDocumentValidator()
    {
        Include(new PlanDocumentRules<MembershipDocument>());
        RuleFor(x => x.Type).NotEmpty().WithMessage("type is required.").MaximumLength(Limits.NameMaxLength);
        RuleFor(x => x.Status).NotNull().WithMessage("status is required.").IsInEnum();
    }
}

internal sealed class MembershipSync(IValidator<MembershipDocument> validator)
    : PlanSyncResource<Membership, MembershipStatus, MembershipDocument, MembershipView>(validator, Membership.Create)
{
    public override string Name => "memberships";

    public override string ImportType => "membership";

    protected override string Singular => "membership";

    protected override (string Title, MembershipStatus Status) TitleAndStatus(MembershipDocument d) => (d.Type, d.Status!.Value);

    public override MembershipView ToView(Membership m) => new(m.Id, m.ExternalId, m.CustomerExternalId, m.Type, m.Status, m.StartDate, m.EndDate, PlanSync.Visits(m),
        m.Equipment.Select(e => e.ExternalId).ToList(), m.Invoices.Select(i => i.ExternalId).ToList(), m.CreatedAt, m.UpdatedAt, m.DeletedAt);
}
