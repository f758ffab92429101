using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Sync;

/// <summary>
/// What a sync operation needs: the database, the tenant, the time, and resolution of the back office's ids
/// into ours, cached so a batch of import lines looks each reference up once.
/// </summary>
public sealed class SyncContext(IAppDbContext db, TenantId tenantId, DateTimeOffset now)
{
    private readonly Dictionary<(Type, string), Guid> _known = [];
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public IAppDbContext Db { get; } = db;

    public TenantId TenantId { get; } = tenantId;

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>
    /// Whether changes raise the domain events customers are told about. Off for bulk imports and demo data:
    /// loading a company's history must not text every customer that their old jobs were booked.
    /// </summary>
    public bool RaiseEvents { get; init; } = true;

    /// <summary>
    /// Where new records go when set, instead of being added to the context (imports, which insert them in bulk):
    /// tracking thousands of new records only to detach them before the insert was a fifth of a batch's time.
    /// </summary>
    public List<SyncedEntity>? NewRecords { get; init; }

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Resolves a reference; records a field error and answers null when the record does not exist.</summary>
    public async Task<Ref?> ResolveAsync<T>(string field, string? externalId, CancellationToken ct)
        where T : SyncedEntity
    {
        if (string.IsNullOrEmpty(externalId))
        {
            return null;
        }

        if (!_known.TryGetValue((typeof(T), externalId), out var id))
        {
            var found = await Db.Set<T>().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .Where(e => e.ExternalId == externalId).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                AddError(field, $"{field} \"{externalId}\" does not exist.");
                return null;
            }

            id = found.Value;
            _known[(typeof(T), externalId)] = id;
        }

        return new Ref(id, externalId);
    }

    /// <summary>
    /// Resolves a loose reference: the record's id when it exists already, else a reference with only its back-office id
    /// (<see cref="Guid.Empty"/>), for records that may arrive later (an import applies equipment after proposals).
    /// </summary>
    public async Task<Ref?> ResolveLooseAsync<T>(string? externalId, CancellationToken ct)
        where T : SyncedEntity
    {
        if (string.IsNullOrEmpty(externalId))
        {
            return null;
        }

        if (!_known.TryGetValue((typeof(T), externalId), out var id))
        {
            var found = await Db.Set<T>().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .Where(e => e.ExternalId == externalId).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                return new Ref(Guid.Empty, externalId);
            }

            id = found.Value;
            _known[(typeof(T), externalId)] = id;
        }

        return new Ref(id, externalId);
    }

    /// <summary>Resolves several references of one kind; unknown ones are recorded as errors on <paramref name="field"/>.</summary>
    public async Task<IReadOnlyList<Ref>> ResolveManyAsync<T>(string field, IEnumerable<string>? externalIds, CancellationToken ct)
        where T : SyncedEntity
    {
        var ids = (externalIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        await PreloadAsync<T>(ids, ct);
        var refs = new List<Ref>(ids.Count);
        foreach (var externalId in ids)
        {
            if (await ResolveAsync<T>(field, externalId, ct) is { } resolved)
            {
                refs.Add(resolved);
            }
        }

        return refs;
    }

    /// <summary>Looks up many ids in one query, so later resolutions hit the cache.</summary>
    public async Task PreloadAsync<T>(IEnumerable<string> externalIds, CancellationToken ct)
        where T : SyncedEntity
    {
        var missing = externalIds.Where(id => !string.IsNullOrEmpty(id) && !_known.ContainsKey((typeof(T), id))).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var rows = await Db.Set<T>().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .Where(e => chunk.Contains(e.ExternalId)).Select(e => new { e.Id, e.ExternalId }).ToListAsync(ct);
            foreach (var row in rows)
            {
                _known[(typeof(T), row.ExternalId)] = row.Id;
            }
        }
    }

    /// <summary>Makes a record created in this batch resolvable before it is saved.</summary>
    public void Remember<T>(T entity)
        where T : SyncedEntity => _known[(typeof(T), entity.ExternalId)] = entity.Id;

    public void Forget<T>(string externalId)
        where T : SyncedEntity => _known.Remove((typeof(T), externalId));

    public void AddError(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The recorded errors as one 422, then cleared for the next item.</summary>
    public Error TakeErrors()
    {
        var fields = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        _errors.Clear();
        return new Error(ErrorKind.Unprocessable, "unknown_reference", string.Join(" ", fields.Values.SelectMany(v => v))) { Fields = fields };
    }
}
