using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Messaging;
using HeadlessPortal.Infrastructure.Tests.Messaging;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Infrastructure.Tests.Maintenance;

public sealed class MaintenanceJobTests
{
    private static readonly Dictionary<string, string?> EverySecond = new()
    {
        ["Maintenance:Enabled"] = "true",
        ["Maintenance:IntervalSeconds"] = "1",
    };

    [Fact]
    public async Task MaintenanceJob_WhenATaskFails_RunsTheOthersAndRunsAgainLater()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await DispatcherHost.MigrateAsync(database);
        var failing = new CountingTask("failing", fail: true);
        var counting = new CountingTask("counting", fail: false);

        await using var host = await DispatcherHost.StartAsync(database, new TestClock(), s =>
        {
            s.AddScoped<IMaintenanceTask>(_ => failing);
            s.AddScoped<IMaintenanceTask>(_ => counting);
        }, EverySecond);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (counting.Runs < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the counting task ran {counting.Runs} time(s)");
            await Task.Delay(100);
        }

        Assert.True(failing.Runs >= 2);
    }

    [Fact]
    public async Task MaintenanceJob_InTwoHostsOfOneProcess_RunsInEach()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await DispatcherHost.MigrateAsync(database);
        var first = new CountingTask("first", fail: false);
        var second = new CountingTask("second", fail: false);

        await using var a = await DispatcherHost.StartAsync(database, new TestClock(), s => s.AddScoped<IMaintenanceTask>(_ => first), EverySecond);
        await using var b = await DispatcherHost.StartAsync(database, new TestClock(), s => s.AddScoped<IMaintenanceTask>(_ => second), EverySecond);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (first.Runs == 0 || second.Runs == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"runs: {first.Runs} and {second.Runs}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public void Registration_IncludesTheOutboxLeaseRecovery()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), AppContext.BaseDirectory);

        Assert.Contains(services, d => d.ServiceType == typeof(IMaintenanceTask) && d.ImplementationType == typeof(OutboxLeaseRecovery) && d.Lifetime == ServiceLifetime.Scoped);
    }

    private sealed class CountingTask(string name, bool fail) : IMaintenanceTask
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public string Name => name;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return fail ? throw new InvalidOperationException("task failed") : Task.CompletedTask;
        }
    }
}
