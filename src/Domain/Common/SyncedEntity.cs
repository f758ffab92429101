using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Common;

/// <summary>Something that happened to a synced record that customers may be told about.</summary>
/// <param name="Type">A stable name such as "job.booked" or "invoice.sent".</param>
/// <param name="SubjectId">Our id of the record it happened to.</param>
/// <param name="SubjectExternalId">The back office's id of that record.</param>
public sealed record DomainEvent(string Type, Guid SubjectId, string SubjectExternalId);

/// <summary>
/// A record the back office owns and pushes in, keyed by its own <see cref="ExternalId"/>. Removal is soft:
/// <see cref="DeletedAt"/> hides it from the portal, and sending it again brings it back.
/// </summary>
public abstract class SyncedEntity : ITenantOwned
{
    private readonly List<DomainEvent> _events = [];

    protected SyncedEntity()
    {
        ExternalId = null!;
    }

    protected SyncedEntity(TenantId tenantId, string externalId, DateTimeOffset now)
    {
        Id = UuidV7.NewGuid();
        TenantId = tenantId;
        ExternalId = Guard.Required(externalId, "External id", Limits.ExternalIdMaxLength);
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string ExternalId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Events raised since the record was last saved.</summary>
    public IReadOnlyList<DomainEvent> Events => _events;

    public void ClearEvents() => _events.Clear();

    /// <summary>Removes the record from the portal; answers false when it was already removed.</summary>
    public bool Delete(DateTimeOffset now)
    {
        if (IsDeleted)
        {
            return false;
        }

        DeletedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Stamps a change made here rather than by the back office (a removed record stays removed).</summary>
    protected void MarkUpdated(DateTimeOffset now) => UpdatedAt = now;

    protected void Raise(string type) => _events.Add(new DomainEvent(type, Id, ExternalId));

    /// <summary>Call after applying new values: stamps the change (and undoes a removal) when anything changed.</summary>
    protected bool Stamp(bool changed, DateTimeOffset now)
    {
        if (IsDeleted)
        {
            DeletedAt = null;
            changed = true;
        }

        if (changed)
        {
            UpdatedAt = now;
        }

        return changed;
    }

    /// <summary>Sets a reference kept as two columns (our id, the back office's id); reports whether it changed.</summary>
    protected static bool SetRef(Ref value, ref Guid id, ref string externalId)
    {
        var changed = Set(ref id, value.Id);
        return Set(ref externalId, value.ExternalId) | changed;
    }

    /// <summary>Sets an optional reference kept as two columns; reports whether it changed.</summary>
    protected static bool SetRef(Ref? value, ref Guid? id, ref string? externalId)
    {
        var changed = Set(ref id, value?.Id);
        return Set(ref externalId, value?.ExternalId) | changed;
    }

    protected static Ref? RefOf(Guid? id, string? externalId) => id is { } value ? new Ref(value, externalId!) : null;

    /// <summary>Replaces a list when its items differ; reports whether it changed.</summary>
    protected static bool SetList<T>(ref List<T> field, List<T> value)
    {
        if (field.SequenceEqual(value))
        {
            return false;
        }

        field = value;
        return true;
    }

    /// <summary>Sets <paramref name="field"/> and reports whether it changed.</summary>
    protected static bool Set<T>(ref T field, T value)
    {
        if (EqualityComparer<T>.Default.Equals(field, value))
        {
            return false;
        }

        field = value;
        return true;
    }
}

/// <summary>A reference to another synced record: our id, and the back office's id it was given by.</summary>
public readonly record struct Ref(Guid Id, string ExternalId);
