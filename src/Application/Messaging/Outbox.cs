using System.Text.Json;

namespace HeadlessPortal.Application.Messaging;

/// <summary>An outbox message as a handler receives it; handlers run inside the message's tenant scope.</summary>
/// <param name="Id">The message id; handlers are idempotent by it.</param>
/// <param name="TenantId">The tenant the message belongs to.</param>
/// <param name="Type">Such as email.send or portal.magic-link-requested.</param>
/// <param name="Payload">JSON.</param>
/// <param name="Attempt">1 for the first delivery attempt.</param>
public sealed record OutboxEnvelope(Guid Id, Guid TenantId, string Type, string Payload, int Attempt);

/// <summary>What a handler reports after delivering a message.</summary>
/// <param name="PayloadAfterDelivery">When set, replaces the stored payload (drops one-time links from sent emails).</param>
public sealed record OutboxDelivery(string? PayloadAfterDelivery = null)
{
    public static OutboxDelivery Done { get; } = new();

    /// <summary>
    /// The handler had nobody to deliver this message to (no webhook endpoint of the tenant subscribes to its type). When
    /// every handler of the type says so, the message is recorded as noSubscriber, not sent.
    /// </summary>
    public static OutboxDelivery NobodySubscribed { get; } = new() { Unsubscribed = true };

    /// <summary>True when nothing was delivered because nobody subscribes.</summary>
    public bool Unsubscribed { get; private init; }
}

/// <summary>
/// Delivers outbox messages of one type. Throwing means "try again later" (with backoff, up to the attempt
/// limit); throwing <see cref="PermanentDeliveryException"/> moves the message to dead letter at once.
/// </summary>
public interface IOutboxHandler
{
    string Type { get; }

    Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken);
}

/// <summary>A delivery that can never succeed (such as a malformed payload); not retried.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reading a message's JSON payload: a payload that is not what the handler expects can never be delivered.</summary>
public static class OutboxPayload
{
    /// <summary>The payload as <typeparamref name="T"/>; <see cref="PermanentDeliveryException"/> when it is empty or not one.</summary>
    /// <param name="message">The message delivered.</param>
    /// <param name="options">The JSON options it was written with.</param>
    /// <param name="what">What the payload should be, for the error ("an invoice event").</param>
    public static T Read<T>(OutboxEnvelope message, JsonSerializerOptions options, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.Payload, options) ?? throw new PermanentDeliveryException("Empty payload.");
        }
        catch (JsonException ex)
        {
            throw new PermanentDeliveryException($"The payload is not {what}.", ex);
        }
    }
}

/// <summary>Tells the dispatcher that new messages were committed, so it need not wait for its next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>Periodic housekeeping (expired tokens, stuck leases), run by the scheduler in its own scope.</summary>
public interface IMaintenanceTask
{
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
