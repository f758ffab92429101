using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Sync.ListResources;
using HeadlessPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Sync;

/// <summary>The outcome of an upsert: whether it created the record.</summary>
public sealed record UpsertOutcome<T>(T Value, bool Created);

/// <summary>One document to upsert in a batch, keyed by the back office's id.</summary>
public sealed record SyncItem(string ExternalId, object Document)
{
    /// <summary>The document already passed <see cref="ISyncResource.Validate"/> (an import checks its lines ahead of the batch).</summary>
    public bool Validated { get; init; }
}

/// <summary>One kind of record the back office syncs: how to apply its document and show it.</summary>
public interface ISyncResource
{
    /// <summary>The URL segment, such as "customers".</summary>
    string Name { get; }

    /// <summary>The import line type, such as "customer".</summary>
    string ImportType { get; }

    Type DocumentType { get; }

    Type ViewType { get; }

    /// <summary>
    /// When a batch of mixed records applies this kind: after every kind it refers to (0 refers to none), so
    /// records of one batch find the records they point at.
    /// </summary>
    int ApplyStage { get; }

    /// <summary>
    /// Checks a document's own fields, without the database: null when it is valid, else the validation_failed error with
    /// every field's messages. Safe to call from any thread.
    /// </summary>
    Error? Validate(object document);

    /// <summary>Validates and applies a document, adding a new record to the context when needed; does not save.</summary>
    Task<Result<UpsertOutcome<object>>> UpsertAsync(SyncContext context, string externalId, object document, CancellationToken ct);

    Task<Result<object>> GetAsync(IAppDbContext db, string externalId, CancellationToken ct);

    Task<CursorPage<object>> ListAsync(IAppDbContext db, ListResourcesQuery query, CancellationToken ct);

    /// <summary>Soft-deletes; does not save.</summary>
    Task<Result<object>> DeleteAsync(IAppDbContext db, string externalId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Batch-resolves the references of many documents ahead of applying them (imports).</summary>
    Task PreloadAsync(SyncContext context, IEnumerable<object> documents, CancellationToken ct);

    /// <summary>
    /// Validates and applies many documents with one lookup of existing records per chunk of ids (imports); does not save.
    /// Answers, in input order, null for an applied item or the error that kept it out (validation_failed,
    /// unknown_reference, or a domain rule's code). A later item with the same external id applies onto the earlier one.
    /// </summary>
    Task<IReadOnlyList<Error?>> UpsertManyAsync(SyncContext context, IReadOnlyList<SyncItem> items, CancellationToken ct);
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
    // Keeps each IN (...) list well under every provider's parameter limit.
    private const int LookupChunkSize = 500;

    public abstract string Name { get; }

    public abstract string ImportType { get; }

    public Type DocumentType => typeof(TDocument);

    public Type ViewType => typeof(TView);

    public virtual int ApplyStage => 0;

    /// <summary>A human name for messages, such as "customer".</summary>
    protected abstract string Singular { get; }

    public Error? Validate(object document)
    {
        var validation = validator.Validate((TDocument)document);
        if (validation.IsValid)
        {
            return null;
        }

        var fields = Common.Behaviors.ValidationErrors.ByField(validation.Errors);
        return new Error(ErrorKind.Unprocessable, "validation_failed", string.Join(" ", fields.Values.SelectMany(v => v))) { Fields = fields };
    }

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
        if (!context.RaiseEvents)
        {
            entity?.ClearEvents();
        }

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

    public async Task<IReadOnlyList<Error?>> UpsertManyAsync(SyncContext context, IReadOnlyList<SyncItem> items, CancellationToken ct)
    {
        var batch = new Batch();
        foreach (var chunk in items.Select(i => i.ExternalId).Distinct(StringComparer.Ordinal).Chunk(LookupChunkSize))
        {
            var rows = await context.Db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .Where(e => chunk.Contains(e.ExternalId)).ToListAsync(ct);
            foreach (var row in rows)
            {
                batch.Known[row.ExternalId] = row;
            }
        }

        var outcomes = new List<Error?>(items.Count);
        foreach (var item in items)
        {
            outcomes.Add(await UpsertItemAsync(context, item, batch, ct));
        }

        return outcomes;
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

    private async Task<Error?> UpsertItemAsync(SyncContext context, SyncItem item, Batch batch, CancellationToken ct)
    {
        var typed = (TDocument)item.Document;
        if (!item.Validated && Validate(typed) is { } invalid)
        {
            return invalid;
        }

        var existing = batch.Known.GetValueOrDefault(item.ExternalId);
        if (existing is null && batch.Stale.Remove(item.ExternalId))
        {
            existing = await context.Db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .SingleOrDefaultAsync(e => e.ExternalId == item.ExternalId, ct);
        }

        TEntity? entity;
        try
        {
            entity = await ApplyAsync(context, existing, item.ExternalId, typed, ct);
            if (!context.RaiseEvents)
            {
                entity?.ClearEvents();
            }

        }
        catch (DomainException ex)
        {
            batch.Discard(context, existing);
            if (context.HasErrors)
            {
                // Reference errors recorded before the rule broke belong to this item, not the next one.
                context.TakeErrors();
            }

            return new Error(ex.Kind == DomainErrorKind.Conflict ? ErrorKind.Conflict : ErrorKind.Unprocessable, ex.Code, ex.Message);
        }

        if (context.HasErrors || entity is null)
        {
            batch.Discard(context, existing);
            return context.TakeErrors();
        }

        if (existing is null)
        {
            if (context.NewRecords is { } untracked)
            {
                untracked.Add(entity);
            }
            else
            {
                context.Db.Set<TEntity>().Add(entity);
            }

            context.Remember(entity);
            batch.Created.Add(entity.ExternalId);
        }

        batch.Known[entity.ExternalId] = entity;
        return null;
    }

    public virtual Task PreloadAsync(SyncContext context, IEnumerable<object> documents, CancellationToken ct) =>
        PreloadReferencesAsync(context, documents.Cast<TDocument>().ToList(), ct);

    /// <summary>Creates the record, or applies the document to the existing one; unknown references go to the context as errors.</summary>
    protected abstract Task<TEntity?> ApplyAsync(SyncContext context, TEntity? existing, string externalId, TDocument document, CancellationToken ct);

    public abstract TView ToView(TEntity entity);

    /// <summary>Override to look up the references of many documents in a few queries.</summary>
    protected virtual Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<TDocument> documents, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The records one UpsertManyAsync call works on, by external id.</summary>
    private sealed class Batch
    {
        public Dictionary<string, TEntity> Known { get; } = new(StringComparer.Ordinal);

        /// <summary>Records created by earlier items of this batch: a later item applies onto them.</summary>
        public HashSet<string> Created { get; } = new(StringComparer.Ordinal);

        /// <summary>Records dropped after a failed item; a later item with the same id reads them again.</summary>
        public HashSet<string> Stale { get; } = new(StringComparer.Ordinal);

        // A stored record that failed half-applied must not be saved with the batch. A record created earlier in
        // the batch stays: the earlier item succeeded, and validation and domain guards run before any change.
        public void Discard(SyncContext context, TEntity? existing)
        {
            if (existing is null || Created.Contains(existing.ExternalId))
            {
                return;
            }

            context.Db.Set<TEntity>().Entry(existing).State = EntityState.Detached;
            Known.Remove(existing.ExternalId);
            Stale.Add(existing.ExternalId);
        }
    }
}
