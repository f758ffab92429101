using System.Text;
using System.Text.RegularExpressions;
using HeadlessPortal.Application.Messaging;
using MimeKit;

namespace HeadlessPortal.Infrastructure.Email;

/// <summary>
/// An outbox email as a MIME message: the configured address as sender with the company's name shown, the outbox
/// message id as Message-ID, and text and HTML as multipart/alternative (plain text first, as RFC 2046 orders them).
/// MimeKit encodes headers that are not plain ASCII as RFC 2047 encoded words, so no header value can break out of
/// its line.
/// </summary>
internal static partial class EmailMessages
{
    // MimeKit sizes an encoded word by its text before encoding, so at the usual 78 a long non-ASCII subject gets words
    // and lines over RFC 2047's 75 and 76 characters; this width keeps them within.
    private static readonly FormatOptions HeaderFormat = new() { MaxLineLength = 60 };

    // The pickup files are read by mail clients and tests alike: CRLF as on the wire, whatever the platform.
    private static readonly FormatOptions FileFormat = new() { NewLineFormat = NewLineFormat.Dos };

    public static MimeMessage Create(OutgoingEmail email, Guid messageId, string fromAddress, DateTimeOffset? date = null)
    {
        if (!MailboxAddress.TryParse(email.To, out var to))
        {
            // The outbox handler checks the address first; one that still fails here will never be sent.
            throw new PermanentDeliveryException("The email's recipient is not a valid address.");
        }

        var message = new MimeMessage
        {
            MessageId = MessageIds.For(messageId, fromAddress),
            Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(email.FromName, fromAddress));
        message.To.Add(to);
        var subject = new Header(HeaderId.Subject, "");
        subject.SetValue(HeaderFormat, Encoding.UTF8, OneLine(email.Subject));
        message.Headers.Replace(subject);
        if (date is { } sent)
        {
            message.Date = sent;
        }

        return message;
    }

    /// <summary>A subject is one line: a line break in it (and the white space around) becomes one space.</summary>
    private static string OneLine(string text) => LineBreak().Replace(text, " ");

    [GeneratedRegex(@"[ \t]*[\r\n]+[ \t]*")]
    private static partial Regex LineBreak();

    /// <summary>The message as an .eml file's bytes: 7-bit (base64 or quoted-printable bodies) with CRLF line ends.</summary>
    public static async Task<byte[]> ToFileAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(FileFormat, buffer, cancellationToken);
        return buffer.ToArray();
    }
}
