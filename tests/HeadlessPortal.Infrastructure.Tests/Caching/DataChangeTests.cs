using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Caching;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Tests.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeadlessPortal.Infrastructure.Tests.Caching;

/// <summary>Which tenants' data changed: recorded with each save, known here after the commit, read by other processes from the feed.</summary>
public sealed class DataChangeTests
{
    private static Tenant NewTenant()
    {
        var hostName = "cache-" + Guid.NewGuid().ToString("N")[..8];
        return Tenant.Create("Cache Co", hostName, HostName.FromTrusted(hostName), null, DateTimeOffset.UtcNow);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Save_InATransaction_RecordsItsTenantWithTheChange_AndMovesTheVersionOnlyAtTheCommit(TestDb engine)
    {
        await using var h = await Harness.StartAsync(engine);
        var (versions, db) = (h.Versions, h.Db);
        var other = NewTenant();
        db.Tenants.Add(other);
        await db.SaveChangesAsync();
        var tenant = NewTenant();
        var stamp = versions.Stamp();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.DataChanges.CountAsync(c => c.TenantId == tenant.Id.Value && c.Source == versions.Source));
            Assert.True(versions.UnchangedSince(tenant.Id.Value, stamp));
            await transaction.CommitAsync();
        }

        Assert.False(versions.UnchangedSince(tenant.Id.Value, stamp));
        Assert.True(versions.UnchangedSince(other.Id.Value, stamp));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Save_RolledBack_RecordsNothing_AndLeavesTheVersion(TestDb engine)
    {
        await using var h = await Harness.StartAsync(engine);
        var (versions, db) = (h.Versions, h.Db);
        var tenant = NewTenant();
        var stamp = versions.Stamp();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.True(versions.UnchangedSince(tenant.Id.Value, stamp));
        Assert.Equal(0, await db.DataChanges.CountAsync(c => c.TenantId == tenant.Id.Value));
    }

    [Theory]
    [SqliteData]
    public async Task Save_OfRecordsNoCachedReadDependsOn_IsNotAChange(TestDb engine)
    {
        await using var h = await Harness.StartAsync(engine);
        var (versions, db) = (h.Versions, h.Db);
        var tenant = NewTenant();
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        var stamp = versions.Stamp();

        db.OutboxMessages.Add(OutboxMessage.For(tenant.Id, "job.booked", "{}", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();

        Assert.True(versions.UnchangedSince(tenant.Id.Value, stamp));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Feed_MovesTheVersionsOfTenantsOtherProcessesChanged_IncludingAChangeThatBecomesVisibleLate(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var versions = provider.GetRequiredService<TenantDataVersions>();
        var feed = ActivatorUtilities.CreateInstance<DataChangeFeed>(provider, new StartedLifetime());

        // Another process on the same database.
        await using var elsewhere = InfrastructureHost.Build(database);
        await feed.PollAsync(CancellationToken.None);
        var (first, late, mine, untouched) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var otherSource = elsewhere.GetRequiredService<TenantDataVersions>().Source;
        var stamp = versions.Stamp();

        // Another process commits change 12 while change 11's transaction is still open.
        await InsertAsync(elsewhere, 12, first, otherSource);
        await feed.PollAsync(CancellationToken.None);
        Assert.False(versions.UnchangedSince(first, stamp));
        Assert.True(versions.UnchangedSince(late, stamp));

        // Change 11 commits afterwards; change 13 names this process as its source (it knew of it at its commit).
        var beforeLate = versions.Stamp();
        await InsertAsync(elsewhere, 11, late, otherSource);
        await InsertAsync(elsewhere, 13, mine, versions.Source);
        await feed.PollAsync(CancellationToken.None);
        Assert.False(versions.UnchangedSince(late, beforeLate));
        Assert.True(versions.UnchangedSince(mine, stamp));
        Assert.True(versions.UnchangedSince(first, beforeLate));
        Assert.True(versions.UnchangedSince(untouched, stamp));

        // Read once: a later poll does not report them again.
        var afterwards = versions.Stamp();
        await feed.PollAsync(CancellationToken.None);
        Assert.True(versions.UnchangedSince(first, afterwards));
        Assert.True(versions.UnchangedSince(late, afterwards));
    }

    /// <summary>A migrated test database, the infrastructure wired as the API wires it, and one context.</summary>
    private sealed class Harness(TestDatabase database, ServiceProvider provider, AsyncServiceScope scope) : IAsyncDisposable
    {
        public TenantDataVersions Versions => provider.GetRequiredService<TenantDataVersions>();

        public AppDbContext Db => scope.ServiceProvider.GetRequiredService<AppDbContext>();

        public static async Task<Harness> StartAsync(TestDb engine)
        {
            var database = await TestDatabase.CreateAsync(engine);
            var provider = await InfrastructureHost.BuildMigratedAsync(database);
            return new Harness(database, provider, provider.CreateAsyncScope());
        }

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await provider.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private static async Task InsertAsync(IServiceProvider provider, long seq, Guid tenant, Guid source)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataChanges.Add(new DataChangeRecord { Seq = seq, TenantId = tenant, Source = source, RecordedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    private sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
