using FluentValidation;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;

namespace HeadlessPortal.Application.BusinessUnits;

/// <summary>A business unit as the back office sends it (PUT /v1/admin/business-units/{externalId}).</summary>
/// <param name="Name">Its name, such as "Residential HVAC".</param>
/// <param name="Active">Whether the back office still uses it; default true.</param>
public sealed record BusinessUnitDocument(string Name, bool? Active);

/// <summary>A business unit as the office sees it.</summary>
public sealed record BusinessUnitView(Guid Id, string ExternalId, string Name, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class BusinessUnitDocumentValidator : AbstractValidator<BusinessUnitDocument>
{
    public BusinessUnitDocumentValidator() =>
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.")
            .MaximumLength(Limits.NameMaxLength).WithMessage($"name must be at most {Limits.NameMaxLength} characters.");
}

internal sealed class BusinessUnitSync(IValidator<BusinessUnitDocument> validator) : SyncResource<BusinessUnit, BusinessUnitDocument, BusinessUnitView>(validator)
{
    public override string Name => "business-units";

    public override string ImportType => "businessUnit";

    protected override string Singular => "business unit";

    protected override Task<BusinessUnit?> ApplyAsync(SyncContext context, BusinessUnit? existing, string externalId, BusinessUnitDocument document, CancellationToken ct)
    {
        if (existing is null)
        {
            return Task.FromResult<BusinessUnit?>(BusinessUnit.Create(context.TenantId, externalId, document.Name, document.Active ?? true, context.Now));
        }

        existing.Update(document.Name, document.Active ?? true, context.Now);
        return Task.FromResult<BusinessUnit?>(existing);
    }

    public override BusinessUnitView ToView(BusinessUnit b) => new(b.Id, b.ExternalId, b.Name, b.Active, b.CreatedAt, b.UpdatedAt, b.DeletedAt);
}
