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

    internal sealed class UnscopedNote
    {
        public Guid Id { get; private set; }
    }

    private sealed class ProbeDbContext(DbContextOptions<AppDbContext> options, ICurrentTenant currentTenant) : AppDbContext(options, currentTenant)
    {
        public DbSet<OwnedNote> Notes => Set<OwnedNote>();

        public static ProbeDbContext Create(TestDatabase database, ICurrentTenant tenant) =>
            new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(database.ConnectionString).Options, tenant);

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<OwnedNote>();
            modelBuilder.Entity<UnscopedNote>();
            base.OnModelCreating(modelBuilder);
        }
    }
}
