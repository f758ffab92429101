using System.Text.Json;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.Outbox;

/// <summary>A message in the outbox: a domain event or an email, waiting, failing, given up or delivered.</summary>
/// <param name="Id">Message id; emails carry it in their Message-ID.</param>
/// <param name="Type">Such as job.booked, technician.dispatched, invoice.sent, email.send.</param>
/// <param name="Status">pending (waiting for an attempt), failed (tried, will be tried again at nextAttemptAt), dead (given up; retry it to send it again), sent (delivered to every handler of its type) or noSubscriber (recorded, but nothing handles its type yet, so nothing was delivered; retry it to deliver it to a handler added since).</param>
/// <param name="Payload">The event: its type and the record it is about. For email.send only to, fromName, subject and kind: the bodies are never shown.</param>
/// <param name="Attempts">Delivery attempts made.</param>
/// <param name="NextAttemptAt">When it is tried (again); null once sent or dead.</param>
/// <param name="LastError">Why the last attempt failed, shortened.</param>
/// <param name="OccurredAt">When the change happened.</param>
/// <param name="ProcessedAt">When it was sent; null until then (and for noSubscriber).</param>
public sealed record OutboxMessageDto(
    Guid Id,
    string Type,
    OutboxStatus Status,
    JsonElement Payload,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ProcessedAt)
{
    public static OutboxMessageDto From(OutboxMessage m) =>
        new(m.Id, m.Type, m.Status, Shown(m), m.Attempts, m.NextAttemptAt, m.LastError, m.OccurredAt, m.ProcessedAt);

    private static JsonElement Shown(OutboxMessage m)
    {
        if (m.Type != EmailMessages.Type)
        {
            return JsonDocument.Parse(m.Payload).RootElement.Clone();
        }

        // Email bodies hold one-time links; before delivery they are in the database, but never shown.
        EmailEnvelope envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EmailEnvelope>(m.Payload, JsonSerializerOptions.Web) ?? new EmailEnvelope(null, null, null, null);
        }
        catch (JsonException)
        {
            envelope = new EmailEnvelope(null, null, null, null);
        }

        return JsonSerializer.SerializeToElement(envelope, JsonSerializerOptions.Web);
    }

    private sealed record EmailEnvelope(string? To, string? FromName, string? Subject, string? Kind);
}
