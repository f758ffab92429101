using System.Text;
using Mime = MimeKit;

namespace HeadlessPortal.TestSupport;

/// <summary>
/// A received email read back from its RFC 5322 form with MimeKit's parser, for assertions: headers as sent (unfolded)
/// or decoded, the sender and recipient, and the decoded text/plain and text/html parts (line ends as sent) wherever they
/// sit in the MIME tree.
/// </summary>
public sealed class MimeMessage
{
    private readonly Mime.MimeMessage _message;

    private MimeMessage(Mime.MimeMessage message)
    {
        _message = message;
        Parts = message.BodyParts.OfType<Mime.TextPart>().Select(p => (p.ContentType.MimeType.ToLowerInvariant(), Decoded(p))).ToList();
    }

    /// <summary>The leaf text parts in order: media type (lowercase) and decoded body.</summary>
    public IReadOnlyList<(string MediaType, string Body)> Parts { get; }

    /// <summary>The top-level media type, such as multipart/alternative.</summary>
    public string MediaType => _message.Body?.ContentType.MimeType.ToLowerInvariant() ?? "text/plain";

    public string? Text => Parts.FirstOrDefault(p => p.MediaType == "text/plain").Body;

    public string? Html => Parts.FirstOrDefault(p => p.MediaType == "text/html").Body;

    /// <summary>The header's value as sent (unfolded, not decoded), or null.</summary>
    public string? RawHeader(string name) =>
        Find(name) is { } header ? Encoding.Latin1.GetString(header.RawValue).Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim() : null;

    /// <summary>The header's value with encoded words decoded, or null.</summary>
    public string? Header(string name) => Find(name)?.Value;

    /// <summary>The address of a From or To header, or null.</summary>
    public string? Address(string header) => Mailbox(header)?.Address;

    /// <summary>The display name of a From or To header, or empty.</summary>
    public string DisplayName(string header) => Mailbox(header)?.Name ?? "";

    public static MimeMessage Parse(string raw) => new(Mime.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))));

    // TextPart.Text turns line ends into the platform's; the tests compare the bodies byte for byte, so decode as sent.
    private static string Decoded(Mime.TextPart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return (part.ContentType.CharsetEncoding ?? Encoding.ASCII).GetString(bytes.ToArray());
    }

    private Mime.Header? Find(string name) => _message.Headers.FirstOrDefault(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase));

    private Mime.MailboxAddress? Mailbox(string header) => header.ToUpperInvariant() switch
    {
        "FROM" => _message.From.Mailboxes.FirstOrDefault(),
        "TO" => _message.To.Mailboxes.FirstOrDefault(),
        _ => throw new ArgumentException($"Only From and To hold mailboxes here, not {header}.", nameof(header)),
    };
}
