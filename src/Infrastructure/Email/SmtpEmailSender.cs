using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail: text and HTML as multipart/alternative, the configured
/// address as sender with the company's name shown, and the outbox message id as Message-ID. A recipient the
/// server refuses for good (5xx) fails permanently; everything else (4xx, connection trouble) is retried.
/// </summary>
internal sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    // Well inside the outbox lease, so a hung server fails the attempt before another dispatcher takes over.
    private const int TimeoutMs = 30_000;

    public async Task SendAsync(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken)
    {
        using var message = Compose(email, messageId);
        using var client = new SmtpClient(options.Smtp.Host, options.Smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = options.Smtp.StartTls,
            Timeout = TimeoutMs,
            UseDefaultCredentials = false,
        };
        if (!string.IsNullOrEmpty(options.Smtp.Username))
        {
            client.Credentials = new NetworkCredential(options.Smtp.Username, options.Smtp.Password);
        }

        try
        {
            await client.SendMailAsync(message, cancellationToken);
        }
        catch (SmtpFailedRecipientsException ex) when (ex.InnerExceptions.Length > 0 && ex.InnerExceptions.All(IsPermanent))
        {
            throw new PermanentDeliveryException($"The SMTP server refused the recipient: {(int)ex.InnerExceptions[0].StatusCode} {ex.InnerExceptions[0].Message}", ex);
        }
        catch (SmtpFailedRecipientException ex) when (ex is not SmtpFailedRecipientsException && IsPermanent(ex))
        {
            throw new PermanentDeliveryException($"The SMTP server refused the recipient: {(int)ex.StatusCode} {ex.Message}", ex);
        }
    }

    private MailMessage Compose(OutgoingEmail email, Guid messageId)
    {
        var message = new MailMessage
        {
            From = new MailAddress(options.FromAddress, email.FromName, Encoding.UTF8),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(email.To));
        message.Headers.Add("Message-ID", MessageIds.For(messageId, options.FromAddress));

        // Two alternative views and no body: multipart/alternative, plain text first as RFC 2046 orders them.
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        return message;
    }

    // 5xx is a permanent negative reply (RFC 5321 section 4.2.1); 4xx means try again later.
    private static bool IsPermanent(SmtpFailedRecipientException ex) => (int)ex.StatusCode is >= 500 and < 600;
}
