using System.Reflection;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Persistence;

public class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentTenant currentTenant)
    : DbContext(options), IAppDbContext
{
    /// <summary>The name of the query filter that confines tenant-owned entities to the current tenant.</summary>
    public const string TenantFilter = "Tenant";

    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(AppDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<PortalSettings> PortalSettings => Set<PortalSettings>();

    public DbSet<BusinessUnit> BusinessUnits => Set<BusinessUnit>();

    public DbSet<SenderPhoneNumber> SenderPhoneNumbers => Set<SenderPhoneNumber>();

    public DbSet<PublishableKey> PublishableKeys => Set<PublishableKey>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    internal DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    // Read by the tenant query filter on every query; no tenant matches no row.
    internal TenantId CurrentTenantId => currentTenant.Id ?? new TenantId(Guid.Empty);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
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
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException ex) when (UniqueViolations.TryTranslate(Model, ex, out var violation))
        {
            throw violation;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<TenantId>().HaveConversion<TenantIdConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Every tenant-owned entity gets the same filter; a test proves none is left out.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(e => e.BaseType is null && !e.IsOwned() && typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned
    {
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantFilter, e => e.TenantId == CurrentTenantId);

        // Tenant first, then the UUIDv7 key: every tenant's keyset-paginated list is one index range.
        modelBuilder.Entity<TEntity>().HasIndex(nameof(ITenantOwned.TenantId), "Id");
    }
}
