using Hangfire;
using Hangfire.Storage;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Maintenance;
using HeadlessPortal.Infrastructure.Messaging;
using HeadlessPortal.Infrastructure.Tests.Messaging;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Tests.Maintenance;

/// <summary>The maintenance tasks as Hangfire recurring jobs, on the job storage of each test database.</summary>
public sealed class MaintenanceJobsTests
{
    /// <summary>Hosts that schedule the tasks; those given <see cref="WithServer"/> also run jobs, polling often.</summary>
    private static readonly Dictionary<string, string?> Scheduling = new() { ["Maintenance:Enabled"] = "true" };

    private static readonly Dictionary<string, string?> WithServer = new(Scheduling)
    {
        ["BackgroundJobs:ServerEnabled"] = "true",
        ["BackgroundJobs:PollIntervalMs"] = "100",
    };

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Start_WithMaintenanceEnabled_AddsOneRecurringJobPerTaskOnTheCron(TestDb engine)
    {
        await using var database = await MigratedAsync(engine);
        await using var host = await DispatcherHost.StartAsync(database, new TestClock(), s => s.AddScoped<IMaintenanceTask>(_ => new CountingTask("first")),
            new Dictionary<string, string?>(Scheduling) { ["Maintenance:Cron"] = "*/10 * * * *" });

        var jobs = await RecurringJobsAsync(host, count: 5);

        Assert.Equal(["data-change-cleanup", "database-statistics", "first", "oauth.token-pruning", "outbox-lease-recovery"], jobs.Select(j => j.Id).Order());
        Assert.All(jobs, j => Assert.Equal("*/10 * * * *", j.Cron));
        Assert.All(jobs, j => Assert.Equal(typeof(MaintenanceTaskJob), j.Job.Type));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Start_WithMaintenanceDisabled_RemovesTheRecurringJobs(TestDb engine)
    {
        await using var database = await MigratedAsync(engine);
        await using (var enabled = await DispatcherHost.StartAsync(database, new TestClock(), _ => { }, Scheduling))
        {
            await RecurringJobsAsync(enabled, count: 4);
        }

        await using var disabled = await DispatcherHost.StartAsync(database, new TestClock(), _ => { }, new Dictionary<string, string?> { ["Maintenance:Enabled"] = "false" });

        await RecurringJobsAsync(disabled, count: 0);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TriggeredJobs_RunTheirTasksThroughHangfire_AndAFailingTaskFailsOnlyItsOwnRun(TestDb engine)
    {
        await using var database = await MigratedAsync(engine);
        var failing = new CountingTask("failing", fail: true);
        var counting = new CountingTask("counting");
        await using var host = await DispatcherHost.StartAsync(database, new TestClock(), s =>
        {
            s.AddScoped<IMaintenanceTask>(_ => failing);
            s.AddScoped<IMaintenanceTask>(_ => counting);
        }, WithServer);
        await RecurringJobsAsync(host, count: 6);
        var manager = host.Services.GetRequiredService<IRecurringJobManagerV2>();

        manager.TriggerJob("failing");
        manager.TriggerJob("counting");

        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitUntilAsync(() => monitoring.SucceededListCount() == 1 && monitoring.FailedCount() == 1, () => $"succeeded {monitoring.SucceededListCount()}, failed {monitoring.FailedCount()}");
        Assert.Equal(1, counting.Runs);
        Assert.Equal(1, failing.Runs);
        var failed = Assert.Single(monitoring.FailedJobs(0, 10));
        Assert.Contains("task failed", failed.Value.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(0, monitoring.ScheduledCount());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task TwoProcesses_RunEachTriggeredRunOnce_AndNeverOneTaskTwiceAtOnce(TestDb engine)
    {
        await using var database = await MigratedAsync(engine);
        var task = new BlockingTask("slow");
        await using var a = await DispatcherHost.StartAsync(database, new TestClock(), s => s.AddScoped<IMaintenanceTask>(_ => task), WithServer);
        await using var b = await DispatcherHost.StartAsync(database, new TestClock(), s => s.AddScoped<IMaintenanceTask>(_ => task), WithServer);
        await RecurringJobsAsync(a, count: 5);
        var manager = a.Services.GetRequiredService<IRecurringJobManagerV2>();

        manager.TriggerJob("slow");
        manager.TriggerJob("slow");
        await WaitUntilAsync(() => task.Started == 1, () => $"started {task.Started}");
        // Two jobs are enqueued and several workers are free: the second waits for the first's lock, wherever it runs.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, task.Started);
        task.Release();

        await WaitUntilAsync(() => task.Finished == 2, () => $"finished {task.Finished}", TimeSpan.FromSeconds(45));
        Assert.Equal(1, task.MostAtOnce);
    }

    [Fact]
    public void Registration_IncludesTheOutboxLeaseRecovery()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(new ConfigurationBuilder().Build(), AppContext.BaseDirectory);

        Assert.Contains(services, d => d.ServiceType == typeof(IMaintenanceTask) && d.ImplementationType == typeof(OutboxLeaseRecovery) && d.Lifetime == ServiceLifetime.Scoped);
    }

    [Fact]
    public void Registration_WithTheOldIntervalInSeconds_FailsNamingTheCronSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Maintenance:IntervalSeconds"] = "300" }).Build();

        using var services = new ServiceCollection().AddInfrastructure(configuration, AppContext.BaseDirectory).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MaintenanceOptions>>().Value);

        Assert.Contains("Maintenance:Cron", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteJobStorage_IsAFileBesideTheApplicationDatabase()
    {
        Assert.Equal(Path.Combine("/srv/data", "portal.hangfire.db"), JobStorageFactory.SqlitePath("Data Source=/srv/data/portal.db"));
        Assert.Equal(":memory:", JobStorageFactory.SqlitePath("Data Source=:memory:"));
    }

    private static async Task<TestDatabase> MigratedAsync(TestDb engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await DispatcherHost.MigrateAsync(database);
        return database;
    }

    /// <summary>The storage's recurring jobs once there are <paramref name="count"/> (they are added after the host started).</summary>
    private static async Task<List<RecurringJobDto>> RecurringJobsAsync(DispatcherHost host, int count)
    {
        var storage = host.Services.GetRequiredService<JobStorage>();
        List<RecurringJobDto> jobs = [];
        await WaitUntilAsync(
            () =>
            {
                using var connection = storage.GetConnection();
                jobs = connection.GetRecurringJobs();
                return jobs.Count == count;
            },
            () => $"recurring jobs: {string.Join(", ", jobs.Select(j => j.Id))}");
        return jobs;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, state());
            await Task.Delay(50);
        }
    }

    private sealed class CountingTask(string name, bool fail = false) : IMaintenanceTask
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

    /// <summary>Holds its runs until released, counting how many ran at once.</summary>
    private sealed class BlockingTask(string name) : IMaintenanceTask
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _mostAtOnce;
        private int _started;
        private int _finished;

        public string Name => name;

        public int Started => Volatile.Read(ref _started);

        public int Finished => Volatile.Read(ref _finished);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public void Release() => _release.TrySetResult();

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostAtOnce, running);
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                Interlocked.Increment(ref _finished);
            }
        }

        private static void InterlockedMax(ref int location, int value)
        {
            int current;
            while ((current = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, current) != current)
            {
            }
        }
    }
}
