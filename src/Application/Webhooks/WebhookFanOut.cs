using System.Text;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks;

/// <summary>The JSON body of a webhook: <c>{ id, type, createdAt, tenantId, data }</c>.</summary>
public static class WebhookBody
{
    /// <summary>The body for an event whose own payload (JSON) becomes <c>data</c>.</summary>
    public static string Create(Guid eventId, string type, DateTimeOffset createdAt, TenantId tenantId, string data)
    {
        using var document = JsonDocument.Parse(data);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", eventId);
            writer.WriteString("type", type);
            writer.WriteString("createdAt", createdAt.ToUniversalTime());
            writer.WriteString("tenantId", tenantId.Value);
            writer.WritePropertyName("data");
            document.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>
/// Turns one event type's outbox messages into deliveries: one row per enabled endpoint of the tenant subscribed to
/// the type, created when the event was raised or before (an endpoint registered later does not receive older events).
/// Remote work happens later, in the delivery worker, so a slow receiver never holds the outbox. Delivered again, it
/// adds only the rows still missing (one per event and endpoint). With no subscribed endpoint it reports nobody
/// subscribed, so the message is recorded as noSubscriber rather than sent.
/// </summary>
internal sealed class WebhookFanOutHandler(string type, IAppDbContext db, IClock clock, IWebhookSignal signal) : IOutboxHandler
{
    public string Type { get; } = type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var occurredAt = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == message.Id).Select(m => (DateTimeOffset?)m.OccurredAt).SingleOrDefaultAsync(cancellationToken)
            ?? clock.UtcNow;
        var endpoints = (await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken))
            .Where(e => e.Subscribes(Type) && e.CreatedAt <= occurredAt)
            .ToList();
        if (endpoints.Count == 0)
        {
            return OutboxDelivery.NobodySubscribed;
        }

        var existing = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EventId == message.Id).Select(d => d.EndpointId).ToListAsync(cancellationToken);
        string body;
        try
        {
            body = WebhookBody.Create(message.Id, Type, occurredAt, new TenantId(message.TenantId), message.Payload);
        }
        catch (JsonException ex)
        {
            throw new PermanentDeliveryException("The event's payload is not JSON.", ex);
        }

        var now = clock.UtcNow;
        foreach (var endpoint in endpoints.Where(e => !existing.Contains(e.Id)))
        {
            db.Set<WebhookDelivery>().Add(WebhookDelivery.For(endpoint.TenantId, endpoint.Id, message.Id, Type, body, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return OutboxDelivery.Done;
    }
}
