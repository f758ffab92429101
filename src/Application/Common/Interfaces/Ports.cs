using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Common.Interfaces;

/// <summary>The application's view of the database: one set per aggregate, no generic repository.</summary>
public interface IAppDbContext
{
    DbSet<Tenant> Tenants { get; }

    DbSet<ApiClient> ApiClients { get; }

    DbSet<Domain.Portal.PortalSettings> PortalSettings { get; }

    DbSet<BusinessUnit> BusinessUnits { get; }

    DbSet<SenderPhoneNumber> SenderPhoneNumbers { get; }

    DbSet<PublishableKey> PublishableKeys { get; }

    DbSet<AuditEvent> AuditEvents { get; }

    DbSet<Domain.Messaging.OutboxMessage> OutboxMessages { get; }

    DbSet<Domain.Imports.ImportJob> Imports { get; }

    DbSet<Domain.Messaging.EmailTemplate> EmailTemplates { get; }

    /// <summary>The set of any entity type, for code that works across the synced resources.</summary>
    DbSet<TEntity> Set<TEntity>()
        where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>The change tracker's entry of an entity (to read it again after taking a row lock).</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>Forgets every tracked entity: between import batches, and after a failed batch save that is retried line by line.</summary>
    void ClearTracked();

    /// <summary>
    /// Records, with the next save, that the current tenant's data changed at <paramref name="now"/>: for writes that bypass the
    /// change tracker (a conditional UPDATE) but change what the portal shows, so its caches drop what they read.
    /// </summary>
    void MarkChanged(DateTimeOffset now);

    /// <summary>
    /// Saves like SaveChangesAsync, but inserts new synced records in bulk (imports): the ones the context tracks as added,
    /// and <paramref name="untracked"/>, new records never added to the context. Must run inside a transaction; on failure
    /// nothing of it is kept and the error is the one SaveChanges would raise.
    /// </summary>
    Task SaveNewRecordsInBulkAsync(IReadOnlyCollection<SyncedEntity> untracked, CancellationToken cancellationToken);
}

/// <summary>Names of the global query filters, so a query can lift exactly one of them.</summary>
public static class QueryFilters
{
    /// <summary>Confines tenant-owned entities to the current tenant.</summary>
    public const string Tenant = "Tenant";

    /// <summary>Hides soft-deleted synced records.</summary>
    public const string NotDeleted = "NotDeleted";
}

/// <summary>Runs work inside one database transaction that takes the write lock up front.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits when <paramref name="shouldCommit"/>
    /// approves its result; otherwise, or on an exception, rolls back. Joins a transaction already open.
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> shouldCommit, CancellationToken cancellationToken);

    /// <summary>Opens the scope's database connection and keeps it open until the answer is disposed, so the statements in between share it.</summary>
    Task<IAsyncDisposable> KeepConnectionOpenAsync(CancellationToken cancellationToken);
}

/// <summary>The current time; a port so tests can move it.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

/// <summary>
/// The tenant the current request acts for; tenant-owned queries are filtered by it. It is also the one way a use case
/// learns its tenant: everything that runs inside a tenant (Admin API, portal and public requests; outbox, webhook and
/// maintenance work once it has entered the tenant through <see cref="ITenantScope"/>) reads it here with
/// <see cref="CurrentTenantExtensions.Required"/>, never from a TenantId in its request, so a request cannot name
/// another tenant than the one its caller was authorized for. A TenantId in a request is only for platform-operator
/// use cases that act on a tenant they name (get a tenant, change its host name, create API clients for it), which the
/// Admin API reuses by naming its own tenant.
/// </summary>
public interface ICurrentTenant
{
    /// <summary>Null outside a tenant's context (platform requests, startup): tenant-owned queries then see nothing.</summary>
    TenantId? Id { get; }
}

public static class CurrentTenantExtensions
{
    /// <summary>The current tenant, for work that runs inside one; its absence is a bug (an endpoint without its authorization, background work that did not enter the tenant), not a request error.</summary>
    public static TenantId Required(this ICurrentTenant tenant) =>
        tenant.Id ?? throw new InvalidOperationException("No current tenant: this runs inside a tenant; authorize the request for one, or enter it with ITenantScope.");
}

/// <summary>
/// Lets work that runs outside a request (startup seeding) act for one tenant, so tenant-owned reads see that
/// tenant's rows exactly as they would in its own requests.
/// </summary>
public interface ITenantScope
{
    /// <summary>Makes <paramref name="tenantId"/> the current tenant for the rest of the scope; it cannot change afterwards.</summary>
    void Enter(TenantId tenantId);
}

/// <summary>Who is acting in the current request: an API client id, "platform" for the operator, or "system".</summary>
public interface ICurrentActor
{
    string Id { get; }
}

/// <summary>
/// How far each tenant's data has changed, for caches of what was read from it. Take a <see cref="Stamp"/> before
/// reading; what was read stays current while <see cref="UnchangedSince"/> holds for its tenant. Every committed
/// change to a tenant's records moves its version past every stamp taken before the commit: at once in the
/// process that made it, within the change feed's poll interval in the others.
/// </summary>
public interface ITenantDataVersions
{
    long Stamp();

    bool UnchangedSince(Guid tenantId, long stamp);
}
