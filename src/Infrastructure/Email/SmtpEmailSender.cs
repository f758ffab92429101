using HeadlessPortal.Application.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace HeadlessPortal.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP server with MailKit, one connection per email: STARTTLS when configured (required then, never
/// silently skipped), authentication when a user name is set. A recipient the server refuses for good (5xx) fails
/// permanently; everything else (4xx, connection or TLS trouble) is retried by the outbox.
/// </summary>
internal sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    // Well inside the outbox lease, so a hung server fails the attempt before another dispatcher takes over.
    private const int TimeoutMs = 30_000;

    public async Task SendAsync(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken)
    {
        var message = EmailMessages.Create(email, messageId, options.FromAddress);
        // Startup validation refuses smtp delivery without a host.
        var host = options.Smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        using var client = new SmtpClient { Timeout = TimeoutMs };
        await client.ConnectAsync(host, options.Smtp.Port, SocketOptions(options.Smtp), cancellationToken);
        if (!string.IsNullOrEmpty(options.Smtp.Username))
        {
            await client.AuthenticateAsync(options.Smtp.Username, options.Smtp.Password ?? "", cancellationToken);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && IsPermanent(ex.StatusCode))
        {
            throw new PermanentDeliveryException($"The SMTP server refused the recipient: {(int)ex.StatusCode} {ex.Message}", ex);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>
    /// StartTls maps to MailKit's StartTls, which fails when the server does not offer the upgrade rather than send
    /// credentials and mail in clear text; off means a plain connection, for a relay on a trusted network.
    /// </summary>
    internal static SecureSocketOptions SocketOptions(SmtpSettings smtp) => smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;

    // 5xx is a permanent negative reply (RFC 5321 section 4.2.1); 4xx means try again later.
    private static bool IsPermanent(SmtpStatusCode code) => (int)code is >= 500 and < 600;
}
