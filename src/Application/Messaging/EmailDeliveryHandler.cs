using System.Net.Mail;
using System.Text.Json;

namespace HeadlessPortal.Application.Messaging;

/// <summary>
/// Delivers email.send messages through the configured <see cref="IEmailSender"/>, with the message id as the
/// email's Message-ID. After delivery the stored payload keeps the recipient, sender name, subject and kind but
/// not the bodies: they may hold one-time links that must not stay readable in the database.
/// </summary>
internal sealed class EmailDeliveryHandler(IEmailSender sender) : IOutboxHandler
{
    public const string Redacted = "[redacted after delivery]";

    public string Type => EmailMessages.Type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var email = Read(message.Payload);
        await sender.SendAsync(email, message.Id, cancellationToken);
        return new OutboxDelivery(JsonSerializer.Serialize(email with { Html = Redacted, Text = Redacted }, JsonSerializerOptions.Web));
    }

    // A payload that cannot be read now never will be: no retry.
    private static OutgoingEmail Read(string payload)
    {
        OutgoingEmail? email;
        try
        {
            email = JsonSerializer.Deserialize<OutgoingEmail>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            throw new PermanentDeliveryException("The email payload is not a valid email.send document.", ex);
        }

        if (email is null || email.Subject is null || email.Html is null || email.Text is null || email.FromName is null)
        {
            throw new PermanentDeliveryException("The email payload lacks a subject, sender name or body.");
        }

        if (!MailAddress.TryCreate(email.To, out var to) || to.Address != email.To.Trim() || !string.IsNullOrEmpty(to.DisplayName))
        {
            throw new PermanentDeliveryException("The email's recipient is not a valid address.");
        }

        return email with { To = to.Address };
    }
}
