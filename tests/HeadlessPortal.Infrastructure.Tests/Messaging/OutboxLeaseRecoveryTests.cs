using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Infrastructure.Messaging;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.Infrastructure.Tests.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HeadlessPortal.Infrastructure.Tests.Messaging;

public sealed class OutboxLeaseRecoveryTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Recovery_WhenALeaseExpiredWithoutAnOutcome_MakesTheMessageDueWithoutCountingTheAttemptAgain(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var clock = new TestClock();
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database, configure: s => s.Replace(ServiceDescriptor.Singleton<IClock>(clock)));
        var ids = await DispatcherHost.EnqueueAsync(provider, "job.booked", 3);
        await ClaimAsync(provider, clock, "crashed-dispatcher", TimeSpan.FromSeconds(60), batch: 2);

        clock.Advance(TimeSpan.FromSeconds(30));
        await RunRecoveryAsync(provider);
        Assert.Equal(2, (await DispatcherHost.ReadAllAsync(provider)).Count(m => m.LockedBy is not null));

        clock.Advance(TimeSpan.FromSeconds(31));
        await RunRecoveryAsync(provider);

        var messages = await DispatcherHost.ReadAllAsync(provider);
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.All(messages, m => Assert.Null(m.LockedBy));
        Assert.All(messages, m => Assert.Null(m.LockedUntil));
        Assert.Equal(2, messages.Count(m => m.Attempts == 1 && m.NextAttemptAt == clock.UtcNow));
        Assert.Single(messages, m => m.Attempts == 0);
        Assert.Equal(ids.Order(), messages.Select(m => m.Id).Order());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Recovery_WhenTheExpiredAttemptWasTheLastAllowed_MarksTheMessageDead(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var clock = new TestClock();
        await using var provider = await InfrastructureHost.BuildMigratedAsync(
            database, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" }, s => s.Replace(ServiceDescriptor.Singleton<IClock>(clock)));
        var id = (await DispatcherHost.EnqueueAsync(provider, "job.booked", 1)).Single();
        await ClaimAsync(provider, clock, "crashed-dispatcher", TimeSpan.FromSeconds(60), batch: 1);

        clock.Advance(TimeSpan.FromMinutes(2));
        await RunRecoveryAsync(provider);

        var dead = await DispatcherHost.ReadAsync(provider, id);
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Contains("lease", dead.LastError, StringComparison.Ordinal);
    }

    private static async Task ClaimAsync(IServiceProvider provider, IClock clock, string holder, TimeSpan lease, int batch)
    {
        await using var scope = provider.CreateAsyncScope();
        var claimed = await OutboxClaims.ClaimAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(), holder, clock.UtcNow, clock.UtcNow + lease, batch, maxAttempts: 8, CancellationToken.None);
        Assert.Equal(batch, claimed.Count);
    }

    private static async Task RunRecoveryAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var task = scope.ServiceProvider.GetServices<IMaintenanceTask>().OfType<OutboxLeaseRecovery>().Single();
        await task.RunAsync(CancellationToken.None);
    }
}
