using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Messaging;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Tests.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Messaging;

public sealed class OutboxSignalTests
{
    private static readonly TimeSpan Briefly = TimeSpan.FromMilliseconds(100);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SaveChanges_WhenAMessageIsAddedOutsideATransaction_WakesTheDispatcher(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var signal = provider.GetRequiredService<OutboxSignal>();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        db.OutboxMessages.Add(OutboxMessage.For(TenantId.New(), "job.booked", "{}", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();

        Assert.True(await signal.WaitAsync(Briefly, CancellationToken.None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SaveChanges_WhenAMessageIsAddedInATransaction_WakesTheDispatcherOnlyAfterTheCommit(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var signal = provider.GetRequiredService<OutboxSignal>();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.OutboxMessages.Add(OutboxMessage.For(TenantId.New(), "job.booked", "{}", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        Assert.False(await signal.WaitAsync(Briefly, CancellationToken.None));

        await transaction.CommitAsync();
        Assert.True(await signal.WaitAsync(Briefly, CancellationToken.None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SaveChanges_WhenTheTransactionRollsBack_DoesNotWakeTheDispatcher(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var signal = provider.GetRequiredService<OutboxSignal>();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.OutboxMessages.Add(OutboxMessage.For(TenantId.New(), "job.booked", "{}", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.False(await signal.WaitAsync(Briefly, CancellationToken.None));
    }

    [Theory]
    [SqliteData]
    public async Task SaveChanges_WhenOnlyOtherDataChanges_DoesNotWakeTheDispatcher(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var signal = provider.GetRequiredService<OutboxSignal>();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var hostName = "quiet-" + Guid.NewGuid().ToString("N")[..8];
        db.Tenants.Add(Tenant.Create("Quiet Co", hostName, HostName.FromTrusted(hostName), null, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();

        Assert.False(await signal.WaitAsync(Briefly, CancellationToken.None));
    }
}
