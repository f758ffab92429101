using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Sync;

/// <summary>The outcome of an upsert: whether it created the record.</summary>
public sealed record UpsertOutcome<T>(T Value, bool Created);

/// <summary>One kind of record the back office syncs: how to apply its document and show it.</summary>
public interface ISyncResource
{
    /// <summary>The URL segment, such as "customers".</summary>
    string Name { get; }

    /// <summary>The import line type, such as "customer".</summary>
    string ImportType { get; }

    Type DocumentType { get; }

    Type ViewType { get; }

    /// <summary>Validates and applies a document, adding a new record to the context when needed; does not save.</summary>
    Task<Result<UpsertOutcome<object>>> UpsertAsync(SyncContext context, string externalId, object document, CancellationToken ct);

    Task<Result<object>> GetAsync(IAppDbContext db, string externalId, CancellationToken ct);

    Task<CursorPage<object>> ListAsync(IAppDbContext db, ListResourcesQuery query, CancellationToken ct);

    /// <summary>Soft-deletes; does not save.</summary>
    Task<Result<object>> DeleteAsync(IAppDbContext db, string externalId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Batch-resolves the references of many documents ahead of applying them (imports).</summary>
    Task PreloadAsync(SyncContext context, IEnumerable<object> documents, CancellationToken ct);
}

/// <summary>
/// The shared behaviour of synced resources: idempotent upsert by external id, reference resolution with
/// field errors, soft delete, and keyset lists with an updatedSince filter.
/// </summary>
public abstract class SyncResource<TEntity, TDocument, TView>(IValidator<TDocument> validator) : ISyncResource
    where TEntity : SyncedEntity
    where TDocument : class
    where TView : notnull
{
    public abstract string Name { get; }

    public abstract string ImportType { get; }

    public Type DocumentType => typeof(TDocument);

    public Type ViewType => typeof(TView);

    /// <summary>A human name for messages, such as "customer".</summary>
    protected abstract string Singular { get; }

    public async Task<Result<UpsertOutcome<object>>> UpsertAsync(SyncContext context, string externalId, object document, CancellationToken ct)
    {
        var typed = (TDocument)document;
        var validation = await validator.ValidateAsync(typed, ct);
        if (!validation.IsValid)
        {
            throw new RequestValidationException(Common.Behaviors.ValidationErrors.ByField(validation.Errors));
        }

        var existing = await context.Db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.NotDeleted])
            .SingleOrDefaultAsync(e => e.ExternalId == externalId, ct);
        var entity = await ApplyAsync(context, existing, externalId, typed, ct);
        if (context.HasErrors || entity is null)
        {
            return context.TakeErrors();
        }

        if (existing is null)
        {
            context.Db.Set<TEntity>().Add(entity);
            context.Remember(entity);
        }

        return new UpsertOutcome<object>(ToView(entity)!, existing is null);
    }

    public async Task<Result<object>> GetAsync(IAppDbContext db, string externalId, CancellationToken ct)
    {
        var entity = await db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .SingleOrDefaultAsync(e => e.ExternalId == externalId, ct);
        return entity is null ? Error.NotFound(Singular) : ToView(entity)!;
    }

    public async Task<CursorPage<object>> ListAsync(IAppDbContext db, ListResourcesQuery query, CancellationToken ct)
    {
        var source = query.IncludeDeleted
            ? db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            : db.Set<TEntity>().AsNoTracking();
        if (query.UpdatedSince is { } since)
        {
            source = source.Where(e => e.UpdatedAt >= since);
        }

        return await source.ToCursorPageAsync(query, e => e.Id, e => (object)ToView(e)!, ct);
    }

    public async Task<Result<object>> DeleteAsync(IAppDbContext db, string externalId, DateTimeOffset now, CancellationToken ct)
    {
        var entity = await db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.NotDeleted]).SingleOrDefaultAsync(e => e.ExternalId == externalId, ct);
        if (entity is null)
        {
            return Error.NotFound(Singular);
        }

        entity.Delete(now);
        return ToView(entity)!;
    }

    public virtual Task PreloadAsync(SyncContext context, IEnumerable<object> documents, CancellationToken ct) =>
        PreloadReferencesAsync(context, documents.Cast<TDocument>().ToList(), ct);

    /// <summary>Creates the record, or applies the document to the existing one; unknown references go to the context as errors.</summary>
    protected abstract Task<TEntity?> ApplyAsync(SyncContext context, TEntity? existing, string externalId, TDocument document, CancellationToken ct);

    public abstract TView ToView(TEntity entity);

    /// <summary>Override to look up the references of many documents in a few queries.</summary>
    protected virtual Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<TDocument> documents, CancellationToken ct) => Task.CompletedTask;
}
