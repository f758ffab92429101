using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Observability;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Maintenance;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>
/// Delivers outbox messages at least once. It claims a batch of due messages with a lease (see
/// <see cref="OutboxClaims"/>), then delivers them one by one, each in its own scope inside the message's tenant,
/// through the <see cref="IOutboxHandler"/>s of the message's type. An outcome is saved only while the claim is
/// still this dispatcher's: a message whose lease expired and was claimed by another dispatcher is left to it.
/// Messages are independent: one failing does not hold up the others. A stopping dispatcher hands back the
/// messages it had not finished; a crashed one holds them until its lease expires.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxOptions options,
    OutboxSignal signal,
    IClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly RetryPolicy _policy = options.RetryPolicy;

    /// <summary>Names this dispatcher in the leases it holds; unique per process and per dispatcher.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrations run while the host starts; the table exists once it has started.
        if (!options.Enabled || !await HostStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        while (true)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be unreachable for a while; try again at the next poll.
                LogPollFailed(ex);
            }

            if (claimed >= options.BatchSize)
            {
                // A full batch: more messages are probably due.
                continue;
            }

            try
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one batch of due messages and delivers it; returns how many were claimed.</summary>
    internal async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var leaseUntil = WholeMilliseconds(now + options.Lease);
        IReadOnlyList<ClaimedMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await OutboxClaims.ClaimAsync(
                scope.ServiceProvider.GetRequiredService<AppDbContext>(), InstanceId, now, leaseUntil, options.BatchSize, options.MaxAttempts, ct);
        }

        var ordered = claimed.OrderBy(m => m.Id).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            // Starting a delivery late in the lease risks finishing after another dispatcher took the message over.
            if (ct.IsCancellationRequested || clock.UtcNow >= leaseUntil - (options.Lease / 2))
            {
                await ReleaseAsync(ordered.Skip(i).Select(m => m.Id).ToList(), leaseUntil);
                ct.ThrowIfCancellationRequested();
                break;
            }

            try
            {
                await DeliverAsync(ordered[i], leaseUntil, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await ReleaseAsync(ordered.Skip(i).Select(m => m.Id).ToList(), leaseUntil);
                throw;
            }
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedMessage message, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity($"outbox deliver {message.Type}");
        activity?.SetTag("outbox.message_id", message.Id);
        activity?.SetTag("outbox.type", message.Type);
        activity?.SetTag("outbox.attempt", message.Attempts);
        string? payloadAfterDelivery = null;
        Exception? failure = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(new TenantId(message.TenantId));
            var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.Type == message.Type).ToList();
            if (handlers.Count == 0)
            {
                // Nobody received it, so it is not sent: it stays, recorded, for the subscribers to come.
                LogNoSubscriber(message.Id, message.Type);
                activity?.SetTag("outbox.outcome", "no_subscriber");
                await RecordAsync(message.Id, leaseUntil, m => m.NoSubscriber());
                return;
            }

            var envelope = new OutboxEnvelope(message.Id, message.TenantId, message.Type, message.Payload, message.Attempts);
            try
            {
                var unsubscribed = 0;
                foreach (var handler in handlers)
                {
                    var outcome = await handler.HandleAsync(envelope, ct);
                    payloadAfterDelivery = outcome.PayloadAfterDelivery ?? payloadAfterDelivery;
                    unsubscribed += outcome.Unsubscribed ? 1 : 0;
                }

                if (unsubscribed == handlers.Count)
                {
                    // Every handler had nobody to deliver to (webhooks with no subscribed endpoint): not sent either.
                    LogNoSubscriber(message.Id, message.Type);
                    activity?.SetTag("outbox.outcome", "no_subscriber");
                    await RecordAsync(message.Id, leaseUntil, m => m.NoSubscriber());
                    return;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        if (failure is null)
        {
            await RecordAsync(message.Id, leaseUntil, m => m.Delivered(clock.UtcNow, payloadAfterDelivery));
            return;
        }

        activity.RecordFailure(failure);
        var permanent = failure is PermanentDeliveryException;
        await RecordAsync(message.Id, leaseUntil, m => m.DeliveryFailed(Describe(failure), permanent, _policy, clock.UtcNow, Random.Shared.NextDouble()));
        if (permanent || message.Attempts >= _policy.MaxAttempts)
        {
            Telemetry.OutboxDeadLetters.Add(1, new KeyValuePair<string, object?>("type", message.Type));
            LogDead(failure, message.Id, message.Type, message.Attempts);
        }
        else
        {
            LogFailed(failure, message.Id, message.Type, message.Attempts);
        }
    }

    /// <summary>Saves an outcome if the claim is still ours; the save itself is conditional on the lease columns.</summary>
    private async Task RecordAsync(Guid id, DateTimeOffset leaseUntil, Action<OutboxMessage> outcome)
    {
        // Not canceled by a stopping host: a delivery that happened must be recorded.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = await AllTenants(db).SingleOrDefaultAsync(m => m.Id == id, CancellationToken.None);
        if (message is null || !message.IsClaimedBy(InstanceId, leaseUntil))
        {
            LogLeaseLost(id);
            return;
        }

        outcome(message);
        if (message.Status == OutboxStatus.Dead && message.Type == EmailMessages.Type && MessageFailed.ForEmail(message, clock.UtcNow) is { } failed)
        {
            // An email given up: integrators hear of it in the same save (message.failed).
            db.OutboxMessages.Add(failed);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogLeaseLost(id);
        }
    }

    /// <summary>Hands back claimed messages this dispatcher will not deliver, without counting their attempts.</summary>
    private async Task ReleaseAsync(IReadOnlyList<Guid> ids, DateTimeOffset leaseUntil)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var released = await AllTenants(scope.ServiceProvider.GetRequiredService<AppDbContext>())
                .Where(m => ids.Contains(m.Id) && m.LockedBy == InstanceId && m.LockedUntil == leaseUntil)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.LockedBy, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.Attempts, m => m.Attempts - 1),
                    CancellationToken.None);
            LogReleased(released);
        }
        catch (Exception ex)
        {
            // Their leases expire on their own.
            LogReleaseFailed(ex);
        }
    }

    // The dispatcher serves every tenant; each delivery then runs in a scope confined to the message's tenant.
    private static IQueryable<OutboxMessage> AllTenants(AppDbContext db) => db.OutboxMessages.IgnoreQueryFilters([QueryFilters.Tenant]);

    // The lease end identifies the claim, so it must read back from the database exactly as written.
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    // Type and message only: no stack trace, and nothing of the payload.
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 3; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" ---> ", parts);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {MessageId}: no handler takes type {Type}; recorded as noSubscriber, not sent")]
    private partial void LogNoSubscriber(Guid messageId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Type}): attempt {Attempt} failed; it will be tried again")]
    private partial void LogFailed(Exception exception, Guid messageId, string type, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({Type}): attempt {Attempt} failed and the message is dead; an admin can retry it")]
    private partial void LogDead(Exception exception, Guid messageId, string type, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: the lease ran out and another dispatcher took the message over; this outcome was not saved")]
    private partial void LogLeaseLost(Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed back {Count} claimed outbox message(s) not delivered")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand back claimed outbox messages; their leases expire on their own")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher failed; it tries again at its next poll")]
    private partial void LogPollFailed(Exception exception);
}
