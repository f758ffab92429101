using FluentValidation;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.BusinessUnits;

/// <summary>A business unit as the back office named it.</summary>
/// <param name="Id">Record id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Active">Whether the back office still uses it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record BusinessUnitDto(Guid Id, string ExternalId, string Name, bool Active, DateTimeOffset UpdatedAt)
{
    public static BusinessUnitDto From(BusinessUnit b) => new(b.Id, b.ExternalId, b.Name, b.Active, b.UpdatedAt);
}

/// <summary>The outcome of an upsert: whether it created the record.</summary>
public sealed record UpsertOutcome<T>(T Value, bool Created);

/// <summary>Creates or updates a business unit by the back office's id. The same request twice changes nothing.</summary>
public sealed record UpsertBusinessUnitCommand(Guid TenantId, string ExternalId, string Name, bool? Active) : ICommand<UpsertOutcome<BusinessUnitDto>>;

internal sealed class UpsertBusinessUnitValidator : AbstractValidator<UpsertBusinessUnitCommand>
{
    public UpsertBusinessUnitValidator()
    {
        RuleFor(x => x.ExternalId).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength)
            .WithMessage($"externalId has 1 to {Limits.ExternalIdMaxLength} characters.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.")
            .MaximumLength(Limits.NameMaxLength).WithMessage($"name must be at most {Limits.NameMaxLength} characters.");
    }
}

internal sealed class UpsertBusinessUnitHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : IRequestHandler<UpsertBusinessUnitCommand, UpsertOutcome<BusinessUnitDto>>
{
    public async Task<UpsertOutcome<BusinessUnitDto>> Handle(UpsertBusinessUnitCommand request, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(request.TenantId);
        var active = request.Active ?? true;
        var unit = await db.BusinessUnits.SingleOrDefaultAsync(b => b.ExternalId == request.ExternalId, cancellationToken);
        if (unit is null)
        {
            unit = BusinessUnit.Create(tenantId, request.ExternalId, request.Name, active, clock.UtcNow);
            db.BusinessUnits.Add(unit);
            audit.Record(tenantId, "business_unit.created", $"business-unit:{unit.ExternalId}", null, BusinessUnitDto.From(unit));
            await db.SaveChangesAsync(cancellationToken);
            return new UpsertOutcome<BusinessUnitDto>(BusinessUnitDto.From(unit), true);
        }

        var before = BusinessUnitDto.From(unit);
        if (unit.Update(request.Name, active, clock.UtcNow))
        {
            audit.Record(tenantId, "business_unit.updated", $"business-unit:{unit.ExternalId}", before, BusinessUnitDto.From(unit));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new UpsertOutcome<BusinessUnitDto>(BusinessUnitDto.From(unit), false);
    }
}

/// <summary>Lists the tenant's business units in creation order.</summary>
public sealed record ListBusinessUnitsQuery(int? Limit, string? After) : IQuery<CursorPage<BusinessUnitDto>>, IPageRequest;

internal sealed class ListBusinessUnitsValidator : AbstractValidator<ListBusinessUnitsQuery>
{
    public ListBusinessUnitsValidator() => this.AddPageRules();
}

internal sealed class ListBusinessUnitsHandler(IAppDbContext db) : IRequestHandler<ListBusinessUnitsQuery, CursorPage<BusinessUnitDto>>
{
    public Task<CursorPage<BusinessUnitDto>> Handle(ListBusinessUnitsQuery request, CancellationToken cancellationToken) =>
        db.BusinessUnits.AsNoTracking().ToCursorPageAsync(request, b => b.Id, BusinessUnitDto.From, cancellationToken);
}

/// <summary>Gets one business unit by the back office's id.</summary>
public sealed record GetBusinessUnitQuery(string ExternalId) : IQuery<Result<BusinessUnitDto>>;

internal sealed class GetBusinessUnitHandler(IAppDbContext db) : IRequestHandler<GetBusinessUnitQuery, Result<BusinessUnitDto>>
{
    public async Task<Result<BusinessUnitDto>> Handle(GetBusinessUnitQuery request, CancellationToken cancellationToken)
    {
        var unit = await db.BusinessUnits.AsNoTracking().SingleOrDefaultAsync(b => b.ExternalId == request.ExternalId, cancellationToken);
        return unit is null ? Error.NotFound("business unit") : BusinessUnitDto.From(unit);
    }
}
