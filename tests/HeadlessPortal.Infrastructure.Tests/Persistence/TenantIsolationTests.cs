using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Services;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Persistence;

public sealed class TenantIsolationTests
{
    /// <summary>Every entity is tenant-owned with the tenant filter, or deliberately platform-scoped; nothing else.</summary>
    internal static IReadOnlyList<string> Violations(IModel model) =>
        model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.BaseType is null)
            .Where(e =>
            {
                var owned = typeof(ITenantOwned).IsAssignableFrom(e.ClrType);
                var platform = typeof(IPlatformScoped).IsAssignableFrom(e.ClrType);
                var filtered = e.FindDeclaredQueryFilter(AppDbContext.TenantFilter) is not null;
                return owned == platform || (owned && !filtered);
            })
            .Select(e => e.ClrType.Name)
            .ToList();

    [Fact]
    public async Task Model_EveryEntityIsTenantOwnedWithFilterOrPlatformScoped()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var provider = InfrastructureHost.Build(database);
        await using var scope = provider.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        Assert.NotEmpty(model.GetEntityTypes());
        Assert.Empty(Violations(model));
    }

    [Fact]
    public async Task Model_WhenAnEntityIsNeitherTenantOwnedNorPlatformScoped_IsReported()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var db = ProbeDbContext.Create(database, new CurrentTenant());

        Assert.Equal([nameof(UnscopedNote)], Violations(db.Model));
    }

    [Fact]
    public async Task QueryFilter_WhenTenantSet_ShowsOnlyThatTenantsRows()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        var tenantA = TenantId.New();
        var tenantB = TenantId.New();
        await using (var setup = ProbeDbContext.Create(database, new CurrentTenant()))
        {
            await setup.Database.EnsureCreatedAsync();
            setup.Notes.AddRange(new OwnedNote(tenantA, "a1"), new OwnedNote(tenantA, "a2"), new OwnedNote(tenantB, "b1"));
            await setup.SaveChangesAsync();
        }

        var asA = new CurrentTenant();
        asA.Set(tenantA);
        await using var dbA = ProbeDbContext.Create(database, asA);
        Assert.Equal(["a1", "a2"], await dbA.Notes.OrderBy(n => n.Text).Select(n => n.Text).ToListAsync());
        Assert.Null(await dbA.Notes.SingleOrDefaultAsync(n => n.Text == "b1"));

        await using var noTenant = ProbeDbContext.Create(database, new CurrentTenant());
        Assert.Empty(await noTenant.Notes.ToListAsync());
        Assert.Equal(3, await noTenant.Notes.IgnoreQueryFilters([AppDbContext.TenantFilter]).CountAsync());
    }

    [Fact]
    public void CurrentTenant_WhenSetTwiceToDifferentTenants_Throws()
    {
        var current = new CurrentTenant();
        current.Set(TenantId.New());
        Assert.Throws<InvalidOperationException>(() => current.Set(TenantId.New()));
    }

    internal sealed class OwnedNote(TenantId tenantId, string text) : ITenantOwned
    {
        public Guid Id { get; private set; } = Guid.CreateVersion7();

        public TenantId TenantId { get; private set; } = tenantId;

        public string Text { get; private set; } = text;
    }

    [Fact]
    public async Task PooledContexts_TakeEachScopesTenant_GoBackOnlyAtTheScopesEnd_AndOneLeasedWithoutAScopeReadsNoTenant()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var (tenantA, tenantB) = (new TenantId(Guid.CreateVersion7()), new TenantId(Guid.CreateVersion7()));

        AppDbContext first;
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenantA);
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(tenantA, first.CurrentTenantId);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            // The pool hands the same context to the next scope, with that scope's tenant; set after the lease, it still applies.
            var second = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Same(first, second);
            Assert.Equal(Guid.Empty, second.CurrentTenantId.Value);
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenantB);
            Assert.Equal(tenantB, second.CurrentTenantId);

            // The container disposes the context once per registration it was resolved through; only the scope's end
            // gives it back, or it could be leased to another scope while this one still works with it.
            Assert.Same(second, scope.ServiceProvider.GetRequiredService<IAppDbContext>());
            await second.DisposeAsync();
            second.Dispose();
            Assert.Equal(0, await second.Tenants.CountAsync());
            Assert.Equal(tenantB, second.CurrentTenantId);
        }

        // Given back, a context forgets its tenant: one leased from the pool without a scope reads no tenant's rows.
        await using var unscoped = provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Same(first, unscoped);
        Assert.Equal(Guid.Empty, unscoped.CurrentTenantId.Value);
    }

    internal sealed class UnscopedNote
    {
        public Guid Id { get; private set; }
    }

    private sealed class ProbeDbContext(DbContextOptions<AppDbContext> options) : AppDbContext(options)
    {
        public DbSet<OwnedNote> Notes => Set<OwnedNote>();

        public static ProbeDbContext Create(TestDatabase database, ICurrentTenant tenant)
        {
            var db = new ProbeDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(database.ConnectionString).Options);
            db.UseTenant(tenant);
            return db;
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<OwnedNote>();
            modelBuilder.Entity<UnscopedNote>();
            base.OnModelCreating(modelBuilder);
        }
    }
}
