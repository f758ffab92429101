using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.Sync;

/// <summary>The synced resources by URL name and by import type.</summary>
public sealed class SyncResourceRegistry(IEnumerable<ISyncResource> resources)
{
    private readonly Dictionary<string, ISyncResource> _byName = resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, ISyncResource> _byImportType = resources.ToDictionary(r => r.ImportType, StringComparer.Ordinal);

    public IReadOnlyCollection<ISyncResource> All => _byName.Values;

    public ISyncResource ByName(string name) => _byName[name];

    public ISyncResource? ByImportType(string type) => _byImportType.GetValueOrDefault(type);
}

/// <summary>Creates or updates a record by the back office's id; 201 when created, 200 otherwise.</summary>
public sealed record UpsertResourceCommand(Guid TenantId, string Resource, string ExternalId, object Document) : ITransactionalCommand<Result<UpsertOutcome<object>>>;

internal sealed class ExternalIdRules<T> : AbstractValidator<T>
{
    public ExternalIdRules(Func<T, string> externalId) =>
        RuleFor(x => externalId(x)).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength)
            .OverridePropertyName("externalId")
            .WithMessage($"externalId has 1 to {Limits.ExternalIdMaxLength} characters.");
}

internal sealed class UpsertResourceValidator : AbstractValidator<UpsertResourceCommand>
{
    public UpsertResourceValidator() => Include(new ExternalIdRules<UpsertResourceCommand>(x => x.ExternalId));
}

internal sealed class UpsertResourceHandler(IAppDbContext db, IClock clock, SyncResourceRegistry registry)
    : ICommandHandler<UpsertResourceCommand, Result<UpsertOutcome<object>>>
{
    public async ValueTask<Result<UpsertOutcome<object>>> Handle(UpsertResourceCommand request, CancellationToken cancellationToken)
    {
        var resource = registry.ByName(request.Resource);
        var context = new SyncContext(db, new TenantId(request.TenantId), clock.UtcNow);
        var result = await resource.UpsertAsync(context, request.ExternalId, request.Document, cancellationToken);
        if (!result.IsSuccess)
        {
            return result;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (UniqueConstraintViolationException ex) when (ex.Properties.Contains(nameof(SyncedEntity.ExternalId)))
        {
            // A concurrent PUT created the same record first; apply ours on top of it (EF rolled back to a savepoint).
            db.ClearTracked();

            var retry = await resource.UpsertAsync(new SyncContext(db, context.TenantId, clock.UtcNow), request.ExternalId, request.Document, cancellationToken);
            if (retry.IsSuccess)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return retry;
        }
    }
}

/// <summary>One record by the back office's id, removed ones included (with deletedAt).</summary>
public sealed record GetResourceQuery(string Resource, string ExternalId) : IQuery<Result<object>>;

internal sealed class GetResourceHandler(IAppDbContext db, SyncResourceRegistry registry) : IQueryHandler<GetResourceQuery, Result<object>>
{
    public ValueTask<Result<object>> Handle(GetResourceQuery request, CancellationToken cancellationToken) =>
        new(registry.ByName(request.Resource).GetAsync(db, request.ExternalId, cancellationToken));
}

/// <summary>Records in creation order, optionally only those changed since a time, and removed ones on request.</summary>
public sealed record ListResourcesQuery(string Resource, int? Limit, string? After, DateTimeOffset? UpdatedSince, bool IncludeDeleted)
    : IQuery<CursorPage<object>>, IPageRequest;

internal sealed class ListResourcesValidator : AbstractValidator<ListResourcesQuery>
{
    public ListResourcesValidator() => this.AddPageRules();
}

internal sealed class ListResourcesHandler(IAppDbContext db, SyncResourceRegistry registry) : IQueryHandler<ListResourcesQuery, CursorPage<object>>
{
    public ValueTask<CursorPage<object>> Handle(ListResourcesQuery request, CancellationToken cancellationToken) =>
        new(registry.ByName(request.Resource).ListAsync(db, request, cancellationToken));
}

/// <summary>Removes a record from the portal (soft delete); sending it again restores it.</summary>
public sealed record DeleteResourceCommand(string Resource, string ExternalId) : ITransactionalCommand<Result<object>>;

internal sealed class DeleteResourceHandler(IAppDbContext db, IClock clock, SyncResourceRegistry registry) : ICommandHandler<DeleteResourceCommand, Result<object>>
{
    public async ValueTask<Result<object>> Handle(DeleteResourceCommand request, CancellationToken cancellationToken)
    {
        var result = await registry.ByName(request.Resource).DeleteAsync(db, request.ExternalId, clock.UtcNow, cancellationToken);
        if (result.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
