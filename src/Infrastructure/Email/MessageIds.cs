using MimeKit;

namespace HeadlessPortal.Infrastructure.Email;

internal static class MessageIds
{
    /// <summary>
    /// The Message-ID of an outbox email, without its angle brackets (MimeKit adds them): its message id at the
    /// sender's domain, so a resend carries the same one.
    /// </summary>
    public static string For(Guid messageId, string fromAddress) => $"{messageId:D}@{MailboxAddress.Parse(fromAddress).Domain}";
}
