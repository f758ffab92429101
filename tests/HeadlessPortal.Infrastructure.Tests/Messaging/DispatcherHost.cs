using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Messaging;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HeadlessPortal.Infrastructure.Tests.Messaging;

/// <summary>
/// A host running the infrastructure layer's background services (the outbox dispatcher among them) on a test
/// database, as one API process would; several of them on one database stand for several processes.
/// </summary>
internal sealed class DispatcherHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DispatcherHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public OutboxDispatcher Dispatcher => _host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();

    public static Dictionary<string, string?> Settings(TestDatabase database) => new(database.Settings)
    {
        ["Database:MigrateOnStartup"] = "false",
        ["Imports:WorkerEnabled"] = "false",
        ["Maintenance:Enabled"] = "false",
        ["BackgroundJobs:ServerEnabled"] = "false",
        ["Outbox:PollIntervalMs"] = "50",
    };

    public static async Task<DispatcherHost> StartAsync(
        TestDatabase database, IClock clock, Action<IServiceCollection> services, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        var all = Settings(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.Services.AddLogging();
        builder.Services.AddInfrastructure(builder.Configuration, AppContext.BaseDirectory);
        builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        services(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DispatcherHost(host);
    }

    /// <summary>Migrates the database once, before the hosts that share it start.</summary>
    public static async Task MigrateAsync(TestDatabase database)
    {
        await using var provider = Persistence.InfrastructureHost.Build(database);
        await DatabaseMigrator.MigrateAsync(provider);
    }

    public static async Task<List<Guid>> EnqueueAsync(IServiceProvider services, string type, int count, TenantId? tenant = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<IClock>().UtcNow;
        var messages = Enumerable.Range(0, count).Select(i => OutboxMessage.For(tenant ?? TenantId.New(), type, $$"""{"n":{{i}}}""", now)).ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    }

    public static async Task<OutboxMessage> ReadAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
            .IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public static async Task<List<OutboxMessage>> ReadAllAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
            .IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking().ToListAsync();
    }

    /// <summary>Polls the message until <paramref name="condition"/> holds, failing with its last state after <paramref name="timeout"/>.</summary>
    public static async Task<OutboxMessage> WaitForAsync(IServiceProvider services, Guid id, Func<OutboxMessage, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var message = await ReadAsync(services, id);
            if (condition(message))
            {
                return message;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Message {id} stayed {message.Status} (attempts {message.Attempts}, next {message.NextAttemptAt:O}, locked by {message.LockedBy ?? "nobody"}, error {message.LastError ?? "none"}).");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>Records deliveries of one message type and can be told to fail, block or reject them.</summary>
internal sealed class RecordingHandler(string type = RecordingHandler.DefaultType) : IOutboxHandler
{
    public const string DefaultType = "test.record";

    private readonly Lock _lock = new();
    private readonly List<(Guid Id, Guid Tenant, int Attempt)> _deliveries = [];

    public string Type => type;

    /// <summary>Runs before each delivery is recorded; throw from it to fail the attempt.</summary>
    public Func<OutboxEnvelope, CancellationToken, Task>? Before { get; set; }

    public IReadOnlyList<(Guid Id, Guid Tenant, int Attempt)> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        if (Before is { } before)
        {
            await before(message, cancellationToken);
        }

        lock (_lock)
        {
            _deliveries.Add((message.Id, message.TenantId, message.Attempt));
        }

        return OutboxDelivery.Done;
    }
}
