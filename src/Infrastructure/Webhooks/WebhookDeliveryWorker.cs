using System.Threading.Channels;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Webhooks;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Webhooks;
using HeadlessPortal.Infrastructure.Maintenance;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Webhooks;

/// <summary>Wakes this process's delivery worker; other processes find new deliveries by polling.</summary>
internal sealed class WebhookSignal : IWebhookSignal
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signals.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
        }
    }
}

/// <summary>A delivery a worker has claimed.</summary>
internal sealed record ClaimedDelivery(Guid Id, Guid TenantId);

/// <summary>
/// Posts due webhook deliveries. It claims a batch with a lease in one conditional UPDATE (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so workers of several processes claim disjoint batches; SQLite serializes writers), posts
/// them a few at a time, and saves each outcome only while its claim still holds (the lease columns are concurrency
/// tokens), so each delivery is attempted by one worker at a time and recorded once. An endpoint that has failed for 3 days
/// without a success is disabled, and the company's office address is told by email.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options,
    WebhookSignal signal,
    WebhookSender sender,
    IClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly WebhookOptions _options = options.Value;

    /// <summary>Names this worker in the leases it holds.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/webhooks/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || !await HostStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DeliverBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
            }

            if (claimed < _options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims one batch of due deliveries and posts them; returns how many were claimed.</summary>
    internal async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var leaseUntil = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) + _options.Lease;
        IReadOnlyList<ClaimedDelivery> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await ClaimAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), now, leaseUntil, ct);
        }

        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct },
            async (delivery, token) =>
            {
                try
                {
                    await DeliverAsync(delivery, leaseUntil, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // Its lease runs out and another attempt follows.
                    LogDeliveryFailed(ex, delivery.Id);
                }
            });
        return claimed.Count;
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(AppDbContext db, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var nowValue = LeaseTime.ToProvider(now);
        var leaseValue = LeaseTime.ToProvider(leaseUntil);
        var holder = InstanceId;
        var batch = _options.BatchSize;
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQuery<ClaimedDelivery>($"""
                UPDATE "WebhookDeliveries"
                SET "Attempts" = "Attempts" + 1, "LockedBy" = {holder}, "LockedUntil" = {leaseValue}
                WHERE "Id" IN (
                    SELECT "Id" FROM "WebhookDeliveries"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {nowValue} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowValue})
                    ORDER BY "NextAttemptAt", "Id"
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id", "TenantId"
                """).ToListAsync(ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<ClaimedDelivery>($"""
            UPDATE "WebhookDeliveries"
            SET "Attempts" = "Attempts" + 1, "LockedBy" = {holder}, "LockedUntil" = {leaseValue}
            WHERE "Id" IN (
                SELECT "Id" FROM "WebhookDeliveries"
                WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {nowValue} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowValue})
                ORDER BY "NextAttemptAt", "Id"
                LIMIT {batch})
            RETURNING "Id", "TenantId"
            """).ToListAsync(ct);
        await transaction.CommitAsync(ct);
        return claimed;
    }

    private async Task DeliverAsync(ClaimedDelivery claimed, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(new TenantId(claimed.TenantId));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == claimed.Id, ct);
        if (delivery is null || !delivery.IsClaimedBy(InstanceId, leaseUntil))
        {
            return;
        }

        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        if (endpoint is null || !endpoint.Enabled)
        {
            delivery.Skipped("The endpoint is disabled; nothing was sent.", clock.UtcNow);
            await SaveAsync(db, delivery.Id);
            return;
        }

        var url = new Uri(endpoint.Url);
        WebhookAttempt attempt;
        if (url.Scheme != Uri.UriSchemeHttps && !_options.AllowHttp)
        {
            attempt = new WebhookAttempt(null, null, 0, "The endpoint's URL is not https.", true);
        }
        else
        {
            var secrets = scope.ServiceProvider.GetRequiredService<IWebhookSecrets>();
            var timestamp = clock.UtcNow.ToUnixTimeSeconds();
            var headers = new Dictionary<string, string>
            {
                [WebhookSignature.HeaderName] = WebhookSignature.Header(endpoint.SigningSecrets(clock.UtcNow).Select(secrets.Unprotect), timestamp, delivery.Body),
                ["Portal-Event-Id"] = delivery.EventId.ToString(),
                ["Portal-Event-Type"] = delivery.EventType,
                ["Portal-Delivery-Id"] = delivery.Id.ToString(),
            };
            attempt = await sender.PostAsync(url, delivery.Body, headers, ct);
        }

        var now = clock.UtcNow;
        if (attempt.Succeeded)
        {
            delivery.Succeeded(attempt.Status!.Value, attempt.Body, attempt.DurationMs, now);
            endpoint.Succeeded();
        }
        else
        {
            var delay = _options.RetryPolicy.DelayAfter(delivery.Attempts, Random.Shared.NextDouble());
            delivery.AttemptFailed(attempt.Status, attempt.Body, attempt.DurationMs, attempt.Error, attempt.Retryable, delay, now);
            if (endpoint.Failed(now))
            {
                LogEndpointDisabled(endpoint.Id, endpoint.Url);
                await QueueDisabledEmailAsync(db, endpoint, now, ct);
            }
        }

        await SaveAsync(db, delivery.Id);
    }

    private static async Task QueueDisabledEmailAsync(AppDbContext db, WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == endpoint.TenantId, ct);
        if (string.IsNullOrWhiteSpace(tenant.AccountSettings.Email))
        {
            return;
        }

        var subject = "A webhook endpoint was disabled";
        var text =
            $"Deliveries to the webhook endpoint {endpoint.Url}{(endpoint.Description is null ? "" : $" ({endpoint.Description})")} have failed since " +
            $"{endpoint.FailingSince:u} without a success, so it was disabled and no more events are sent to it.\n\n" +
            $"Its delivery log (GET /v1/admin/webhook-endpoints/{endpoint.Id}/deliveries) shows what it answered. Once it works again, " +
            $"enable it (POST /v1/admin/webhook-endpoints/{endpoint.Id}/enable) and redeliver the events it missed.";
        var html = "<p>" + System.Net.WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>", StringComparison.Ordinal) + "</p>";
        db.OutboxMessages.Add(EmailMessages.Create(endpoint.TenantId, new OutgoingEmail(tenant.AccountSettings.Email, tenant.Name, subject, html, text, "webhookEndpointDisabled"), now));
    }

    private async Task SaveAsync(AppDbContext db, Guid deliveryId)
    {
        try
        {
            // Not canceled by a stopping host: an attempt that happened must be recorded.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogLeaseLost(deliveryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} ({Url}) failed for 3 days without a success and was disabled")]
    private partial void LogEndpointDisabled(Guid endpointId, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: the lease ran out and another worker took it over; this outcome was not saved")]
    private partial void LogLeaseLost(Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be attempted; it is tried again when its lease runs out")]
    private partial void LogDeliveryFailed(Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook delivery worker failed; it tries again at its next poll")]
    private partial void LogPollFailed(Exception exception);
}
