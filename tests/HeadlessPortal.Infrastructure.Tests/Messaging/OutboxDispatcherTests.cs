using System.Collections.Concurrent;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Messaging;

public sealed class OutboxDispatcherTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_WhenAMessageIsDue_DeliversItInsideItsTenantAndMarksItSent(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var seen = new ConcurrentDictionary<Guid, TenantId?>();
        await using var host = await DispatcherHost.StartAsync(database, new TestClock(), s =>
            s.AddScoped<IOutboxHandler>(sp => new TenantRecordingHandler(sp.GetRequiredService<ICurrentTenant>(), seen)));
        var tenant = TenantId.New();

        var id = (await DispatcherHost.EnqueueAsync(host.Services, RecordingHandler.DefaultType, 1, tenant)).Single();

        var sent = await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Sent);
        Assert.Equal(tenant, seen[id]);
        Assert.Equal(1, sent.Attempts);
        Assert.NotNull(sent.ProcessedAt);
        Assert.Null(sent.LockedBy);
        Assert.Null(sent.LockedUntil);
        Assert.Null(sent.NextAttemptAt);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_WhenNoHandlerTakesTheType_RecordsTheMessageAsNoSubscriber_UntilARetryDeliversIt(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var clock = new TestClock();
        Guid id;
        await using (var without = await DispatcherHost.StartAsync(database, clock, _ => { }))
        {
            id = (await DispatcherHost.EnqueueAsync(without.Services, RecordingHandler.DefaultType, 1)).Single();

            // Nobody received it, so it is not sent; it keeps its payload and is due for nothing.
            var recorded = await DispatcherHost.WaitForAsync(without.Services, id, m => m.Status != OutboxStatus.Pending);
            Assert.Equal(OutboxStatus.NoSubscriber, recorded.Status);
            Assert.Null(recorded.ProcessedAt);
            Assert.Null(recorded.NextAttemptAt);
            Assert.Null(recorded.LockedBy);
            Assert.Equal("""{"n":0}""", recorded.Payload);
        }

        // A process with a subscriber does not pick it up by itself (it could be stale); a retry hands it over.
        var handler = new RecordingHandler();
        await using var with = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(handler));
        await Task.Delay(300);
        Assert.Equal(OutboxStatus.NoSubscriber, (await DispatcherHost.ReadAsync(with.Services, id)).Status);
        Assert.Empty(handler.Deliveries);

        await using (var scope = with.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadlessPortal.Infrastructure.Persistence.AppDbContext>();
            var message = await db.OutboxMessages.IgnoreQueryFilters([QueryFilters.Tenant]).SingleAsync(m => m.Id == id);
            message.Retry(clock.UtcNow);
            await db.SaveChangesAsync();
        }

        var sent = await DispatcherHost.WaitForAsync(with.Services, id, m => m.Status == OutboxStatus.Sent);
        Assert.NotNull(sent.ProcessedAt);
        Assert.Equal([id], handler.Deliveries.Select(d => d.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_WhenDeliveryFails_TriesAgainAfterGrowingDelaysThenDelivers(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var clock = new TestClock();
        var handler = new RecordingHandler { Before = (m, _) => m.Attempt <= 2 ? throw new IOException($"451 try later ({m.Attempt})") : Task.CompletedTask };
        await using var host = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(handler), Policy(maxAttempts: 5));

        var id = (await DispatcherHost.EnqueueAsync(host.Services, RecordingHandler.DefaultType, 1)).Single();

        // Base 5 s: the delay after attempt n lies in [5 * 2^(n-1) / 2, 5 * 2^(n-1)] seconds.
        var first = await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Failed && m.Attempts == 1 && m.LockedBy == null);
        Assert.Equal("IOException: 451 try later (1)", first.LastError);
        Assert.InRange(first.NextAttemptAt!.Value, clock.UtcNow.AddSeconds(2.5), clock.UtcNow.AddSeconds(5));
        await Task.Delay(300);
        Assert.Equal(1, (await DispatcherHost.ReadAsync(host.Services, id)).Attempts);

        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Failed && m.Attempts == 2 && m.LockedBy == null);
        Assert.InRange(second.NextAttemptAt!.Value, clock.UtcNow.AddSeconds(5), clock.UtcNow.AddSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(10));
        var sent = await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Sent);
        Assert.Equal(3, sent.Attempts);
        Assert.Equal([(id, 3)], handler.Deliveries.Select(d => (d.Id, d.Attempt)));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_AfterTheLastAllowedAttemptFails_MarksTheMessageDead(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var clock = new TestClock();
        var handler = new RecordingHandler { Before = (_, _) => throw new InvalidOperationException("connection refused") };
        await using var host = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(handler), Policy(maxAttempts: 3));

        var id = (await DispatcherHost.EnqueueAsync(host.Services, RecordingHandler.DefaultType, 1)).Single();

        for (var attempt = 1; attempt < 3; attempt++)
        {
            await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Failed && m.Attempts == attempt && m.LockedBy == null);
            clock.Advance(TimeSpan.FromSeconds(60));
        }

        var dead = await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Dead);
        Assert.Equal(3, dead.Attempts);
        Assert.Null(dead.NextAttemptAt);
        Assert.Equal("InvalidOperationException: connection refused", dead.LastError);

        clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(300);
        Assert.Equal(3, (await DispatcherHost.ReadAsync(host.Services, id)).Attempts);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_WhenAHandlerReportsAPermanentFailure_MarksTheMessageDeadAtOnce(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var handler = new RecordingHandler { Before = (_, _) => throw new PermanentDeliveryException("550 no such mailbox") };
        await using var host = await DispatcherHost.StartAsync(database, new TestClock(), s => s.AddSingleton<IOutboxHandler>(handler));

        var id = (await DispatcherHost.EnqueueAsync(host.Services, RecordingHandler.DefaultType, 1)).Single();

        var dead = await DispatcherHost.WaitForAsync(host.Services, id, m => m.Status == OutboxStatus.Dead);
        Assert.Equal(1, dead.Attempts);
        Assert.Equal("PermanentDeliveryException: 550 no such mailbox", dead.LastError);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_WhenOneMessageOfABatchFails_DeliversTheOthers(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var clock = new TestClock();
        Guid? poisoned = null;
        var handler = new RecordingHandler { Before = (m, _) => m.Id == poisoned ? throw new InvalidOperationException("bad") : Task.CompletedTask };
        await using var host = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(handler), new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        var ids = await DispatcherHost.EnqueueAsync(host.Services, RecordingHandler.DefaultType, 5);
        poisoned = ids[1];

        Assert.Equal(5, await host.Dispatcher.DispatchBatchAsync(CancellationToken.None));

        var messages = (await DispatcherHost.ReadAllAsync(host.Services)).ToDictionary(m => m.Id);
        Assert.Equal(OutboxStatus.Failed, messages[ids[1]].Status);
        Assert.All(ids.Where(i => i != ids[1]), i => Assert.Equal(OutboxStatus.Sent, messages[i].Status));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Dispatcher_WhenItHangsMidBatch_AnotherDeliversTheRestOnceTheLeaseExpires(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var clock = new TestClock();
        var settings = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "10", ["Outbox:LeaseSeconds"] = "60" };
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new RecordingHandler();
        first.Before = async (_, _) =>
        {
            if (first.Deliveries.Count == 3)
            {
                // Deaf to cancellation, like a process that froze or died: its claim stays until the lease expires.
                hung.TrySetResult();
                await release.Task;
                throw new InvalidOperationException("the process died");
            }
        };
        await using var a = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(first), settings);
        var ids = await DispatcherHost.EnqueueAsync(a.Services, RecordingHandler.DefaultType, 10);
        await hung.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var stuck = (await DispatcherHost.ReadAllAsync(a.Services)).Where(m => m.Status != OutboxStatus.Sent).ToList();
        Assert.Equal(7, stuck.Count);
        Assert.All(stuck, m => Assert.Equal(a.Dispatcher.InstanceId, m.LockedBy));

        clock.Advance(TimeSpan.FromSeconds(61));
        var second = new RecordingHandler();
        await using var b = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(second), settings);
        foreach (var m in stuck)
        {
            await DispatcherHost.WaitForAsync(b.Services, m.Id, x => x.Status == OutboxStatus.Sent);
        }

        // The hung dispatcher wakes up too late: its outcome must not overwrite what the other one recorded.
        release.SetResult();
        await Task.Delay(500);

        var all = await DispatcherHost.ReadAllAsync(a.Services);
        Assert.All(all, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(all, m => Assert.Null(m.LastError));
        Assert.Equal(stuck.Select(m => m.Id).Order(), second.Deliveries.Select(d => d.Id).Order());
        Assert.All(second.Deliveries, d => Assert.Equal(2, d.Attempt));
        Assert.Equal(ids.Order(), first.Deliveries.Concat(second.Deliveries).Select(d => d.Id).Order());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwoDispatchers_OnOneDatabase_DeliverEveryMessageExactlyOnce(TestDb engine)
    {
        const int count = 400;
        await using var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        var clock = new TestClock();
        var settings = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "20" };
        var slow = (Func<OutboxEnvelope, CancellationToken, Task>)((_, ct) => Task.Delay(1, ct));
        var first = new RecordingHandler { Before = slow };
        var second = new RecordingHandler { Before = slow };
        await using var a = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(first), settings);
        await using var b = await DispatcherHost.StartAsync(database, clock, s => s.AddSingleton<IOutboxHandler>(second), settings);
        Assert.NotEqual(a.Dispatcher.InstanceId, b.Dispatcher.InstanceId);

        var ids = await DispatcherHost.EnqueueAsync(a.Services, RecordingHandler.DefaultType, count);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await DispatcherHost.ReadAllAsync(a.Services)).Count(m => m.Status == OutboxStatus.Sent) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "not every message was sent in time");
            await Task.Delay(100);
        }

        var deliveries = first.Deliveries.Concat(second.Deliveries).ToList();
        Assert.Equal(ids.Order(), deliveries.Select(d => d.Id).Order());
        Assert.All(deliveries, d => Assert.Equal(1, d.Attempt));
        Assert.NotEmpty(first.Deliveries);
        Assert.NotEmpty(second.Deliveries);
    }

    private static Dictionary<string, string?> Policy(int maxAttempts) => new()
    {
        ["Outbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Outbox:BaseDelaySeconds"] = "5",
        ["Outbox:MaxDelaySeconds"] = "60",
    };

    private sealed class TenantRecordingHandler(ICurrentTenant tenant, ConcurrentDictionary<Guid, TenantId?> seen) : IOutboxHandler
    {
        public string Type => RecordingHandler.DefaultType;

        public Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
        {
            seen[message.Id] = tenant.Id;
            return Task.FromResult(OutboxDelivery.Done);
        }
    }
}
