using System.Text.Json;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.Messaging;

/// <summary>
/// The message.failed event: a text or an email to a customer that will not arrive. A text failed for good (the
/// provider refused it, or it did not answer after every attempt) or was reported undelivered or failed by the provider;
/// an email's delivery was given up (its outbox message went dead). Integrators subscribe to it to call the customer
/// another way.
/// </summary>
public static class MessageFailed
{
    public const string Type = "message.failed";

    /// <summary>The event for a text whose status just became failed or undelivered.</summary>
    public static OutboxMessage ForText(TextMessage text, DateTimeOffset now) =>
        OutboxMessage.For(text.TenantId, Type, JsonSerializer.Serialize(
            new MessageFailedData(text.Id, "sms", TextStatusName(text.Status), text.Milestone, text.To, text.CustomerId, text.ErrorCode, text.Error, now),
            JsonSerializerOptions.Web), now);

    /// <summary>The event for an email.send message given up after its last attempt; null when its payload is not an email.</summary>
    public static OutboxMessage? ForEmail(OutboxMessage email, DateTimeOffset now)
    {
        OutgoingEmail? sent;
        try
        {
            sent = JsonSerializer.Deserialize<OutgoingEmail>(email.Payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }

        if (sent?.To is null)
        {
            return null;
        }

        return OutboxMessage.For(email.TenantId, Type, JsonSerializer.Serialize(
            new MessageFailedData(email.Id, "email", "failed", sent.Kind, sent.To, null, null, email.LastError, now), JsonSerializerOptions.Web), now);
    }

    public static bool Ended(TextMessageStatus status) => status is TextMessageStatus.Failed or TextMessageStatus.Undelivered;

    private static string TextStatusName(TextMessageStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}

/// <summary>data of message.failed.</summary>
/// <param name="MessageId">The text's id, or the email's (its outbox message id and Message-ID), as GET /v1/admin/messages lists it.</param>
/// <param name="Channel">sms or email.</param>
/// <param name="Status">failed, or undelivered (a text the carrier could not deliver).</param>
/// <param name="Kind">The text's milestone (such as technician.en_route) or the email's template (such as invoice).</param>
/// <param name="To">The phone number (E.164) or email address.</param>
/// <param name="CustomerId">The customer's portal id, for texts; null for emails.</param>
/// <param name="ErrorCode">The provider's error code (such as Twilio's 30003), when it gave one.</param>
/// <param name="Error">What went wrong, in words, when known.</param>
/// <param name="FailedAt">When the failure was recorded.</param>
public sealed record MessageFailedData(
    Guid MessageId, string Channel, string Status, string Kind, string To, Guid? CustomerId, string? ErrorCode, string? Error, DateTimeOffset FailedAt);
