using System.Reflection;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Imports;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Auth.TokenServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// The API's context. Contexts are pooled (docs/PERFORMANCE.md, "Round four"): a scope leases one through
/// <see cref="AppDbContextLease"/>, which gives it the scope's tenant and gives it back to the pool when the scope ends.
/// A context given back forgets its tenant, so one that no scope leased reads no tenant's rows.
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : DbContext(options), IAppDbContext
{
    private ICurrentTenant? _currentTenant;
    private bool _leasedByScope;

    /// <summary>The name of the query filter that confines tenant-owned entities to the current tenant.</summary>
    public const string TenantFilter = QueryFilters.Tenant;

    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(AppDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo ApplyNotDeletedFilterMethod =
        typeof(AppDbContext).GetMethod(nameof(ApplyNotDeletedFilter), BindingFlags.NonPublic | BindingFlags.Static)!;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<PortalSettings> PortalSettings => Set<PortalSettings>();

    public DbSet<BusinessUnit> BusinessUnits => Set<BusinessUnit>();

    public DbSet<SenderPhoneNumber> SenderPhoneNumbers => Set<SenderPhoneNumber>();

    public DbSet<PublishableKey> PublishableKeys => Set<PublishableKey>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ImportJob> Imports => Set<ImportJob>();

    public DbSet<EmailTemplate> EmailTemplates => Set<EmailTemplate>();

    internal DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    internal DbSet<Caching.DataChangeRecord> DataChanges => Set<Caching.DataChangeRecord>();

    public void ClearTracked() => ChangeTracker.Clear();

    public async Task SaveNewRecordsInBulkAsync(IReadOnlyCollection<SyncedEntity> untracked, CancellationToken cancellationToken)
    {
        const string savepoint = "bulk_insert";

        // Changes are detected once, here: with automatic detection, listing the entries and detaching each new record
        // (which also looks for its tracked dependents to cascade to) went over every tracked entity again and again,
        // the larger part of a batch's save. Nothing is deleted or orphaned by detaching a record that is being inserted.
        ChangeTracker.DetectChanges();
        var (detect, cascade, orphans) = (ChangeTracker.AutoDetectChangesEnabled, ChangeTracker.CascadeDeleteTiming, ChangeTracker.DeleteOrphansTiming);
        ChangeTracker.AutoDetectChangesEnabled = false;
        ChangeTracker.CascadeDeleteTiming = CascadeTiming.Never;
        ChangeTracker.DeleteOrphansTiming = CascadeTiming.Never;
        List<EntityEntry<SyncedEntity>> added;
        try
        {
            MoveEventsToOutbox();
            added = ChangeTracker.Entries<SyncedEntity>().Where(e => e.State == EntityState.Added).ToList();
            foreach (var entry in added)
            {
                entry.State = EntityState.Detached;
            }
        }
        finally
        {
            (ChangeTracker.AutoDetectChangesEnabled, ChangeTracker.CascadeDeleteTiming, ChangeTracker.DeleteOrphansTiming) = (detect, cascade, orphans);
        }

        var transaction = Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk saves run inside a transaction.");
        // Events move to the outbox from tracked records only: an untracked record must not carry any (imports raise none).
        if (untracked.FirstOrDefault(r => r.Events.Count > 0) is { } withEvents)
        {
            throw new InvalidOperationException($"The new {withEvents.GetType().Name} \"{withEvents.ExternalId}\" has domain events, which an untracked record would lose.");
        }

        var records = added.Select(e => e.Entity).Concat(untracked).Distinct(ReferenceEqualityComparer.Instance).Cast<SyncedEntity>().ToList();
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            await BulkInsert.InsertAsync(this, records, cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
            var wrapped = BulkInsert.Wrap(ex);
            throw UniqueViolations.TryTranslate(Model, wrapped, out var violation) ? violation : wrapped;
        }

        // The bulk insert bypassed the change tracker: its tenants' changes are recorded with the save below.
        foreach (var tenant in records.GroupBy(e => e.TenantId))
        {
            DataChanges.Add(Caching.DataChangeInterceptor.Record(tenant.Key.Value, tenant.Max(e => e.UpdatedAt)));
        }

        await SaveChangesAsync(cancellationToken);
    }

    public void MarkChanged(DateTimeOffset now)
    {
        if (CurrentTenantId.Value != Guid.Empty)
        {
            DataChanges.Add(Caching.DataChangeInterceptor.Record(CurrentTenantId.Value, now));
        }
    }

    // Read by the tenant query filter on every query; no tenant matches no row.
    internal TenantId CurrentTenantId => _currentTenant?.Id ?? new TenantId(Guid.Empty);

    /// <summary>Sets the tenant outside a scope's lease (a context made by hand); read on every query.</summary>
    internal void UseTenant(ICurrentTenant currentTenant) => _currentTenant = currentTenant;

    /// <summary>A scope leased this context: the dependency container's disposals of it (one per registration it was
    /// resolved through) leave it alone, and <see cref="ReturnAsync"/> gives it back once, at the end of the scope.</summary>
    internal void LeaseTo(ICurrentTenant currentTenant)
    {
        _currentTenant = currentTenant;
        _leasedByScope = true;
    }

    internal ValueTask ReturnAsync()
    {
        _leasedByScope = false;
        _currentTenant = null;
        return base.DisposeAsync();
    }

    /// <summary><see cref="ReturnAsync"/> for a scope disposed synchronously.</summary>
    internal void Return()
    {
        _leasedByScope = false;
        _currentTenant = null;
        base.Dispose();
    }

    public override void Dispose()
    {
        if (_leasedByScope)
        {
            return;
        }

        _currentTenant = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        if (_leasedByScope)
        {
            return ValueTask.CompletedTask;
        }

        _currentTenant = null;
        return base.DisposeAsync();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        MoveEventsToOutbox();
        IndexNewPayments();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolations.TryTranslate(Model, ex, out var violation))
        {
            throw violation;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        MoveEventsToOutbox();
        IndexNewPayments();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException ex) when (UniqueViolations.TryTranslate(Model, ex, out var violation))
        {
            throw violation;
        }
    }

    // Events raised by changed records are written in the same transaction as the change itself.
    private void MoveEventsToOutbox()
    {
        foreach (var entry in ChangeTracker.Entries<SyncedEntity>().Where(e => e.Entity.Events.Count > 0).ToList())
        {
            foreach (var raised in entry.Entity.Events)
            {
                OutboxMessages.Add(OutboxMessage.For(entry.Entity.TenantId, raised.Type, JsonSerializer.Serialize(raised, JsonSerializerOptions.Web), entry.Entity.UpdatedAt));
            }

            entry.Entity.ClearEvents();
        }
    }

    // A payment's invoices are a JSON column; a row per invoice, saved with the payment, lets the office find an
    // invoice's payments by index. Allocations never change after a payment starts, so only new payments need rows
    // (once: a save that failed and is tried again already has them).
    private void IndexNewPayments()
    {
        var added = ChangeTracker.Entries<Domain.Payments.Payment>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var indexed = ChangeTracker.Entries<Domain.Payments.PaymentInvoice>().Select(e => e.Entity.PaymentId).ToHashSet();
        foreach (var payment in added.Where(p => !indexed.Contains(p.Id)))
        {
            Set<Domain.Payments.PaymentInvoice>().AddRange(Domain.Payments.PaymentInvoice.For(payment));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<TenantId>().HaveConversion<TenantIdConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        modelBuilder.UseOpenIddict<TokenServerApplication, TokenServerAuthorization, TokenServerScope, TokenServerToken, Guid>();

        // Every tenant-owned entity gets the same filter; a test proves none is left out.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(e => e.BaseType is null && !e.IsOwned() && typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [modelBuilder]);
        }

        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(e => e.BaseType is null && typeof(SyncedEntity).IsAssignableFrom(e.ClrType)))
        {
            ApplyNotDeletedFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [modelBuilder]);
        }
    }

    private static void ApplyNotDeletedFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : SyncedEntity =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(QueryFilters.NotDeleted, e => e.DeletedAt == null);

    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned
    {
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantFilter, e => e.TenantId == CurrentTenantId);

        // Tenant first, then the UUIDv7 key: every tenant's keyset-paginated list is one index range.
        modelBuilder.Entity<TEntity>().HasIndex(nameof(ITenantOwned.TenantId), "Id");
    }
}
