using System.Globalization;
using System.Text;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Infrastructure.Email;

/// <summary>
/// Writes an email as a complete RFC 5322 message: From, To, Subject, Date, Message-ID and MIME-Version headers,
/// and a multipart/alternative body with a text/plain and a text/html part, both UTF-8 in base64. Headers that
/// are not plain printable ASCII (or too long for one line) are RFC 2047 encoded words, so the result is pure
/// ASCII and no header value can break out of its line.
/// </summary>
internal static class MimeComposer
{
    private const string Crlf = "\r\n";
    private const int MaxLine = 78;

    // A line holding encoded words is at most 76 characters (RFC 2047 section 2); a word is "=?utf-8?B?" + base64 + "?=".
    private const int MaxEncodedLine = 76;
    private const int WordOverhead = 12;

    public static string Compose(OutgoingEmail email, Guid messageId, string fromAddress, DateTimeOffset date)
    {
        var boundary = $"=_alt_{messageId:N}";
        var mime = new StringBuilder();
        Header(mime, "From", Mailbox(email.FromName, fromAddress));
        Header(mime, "To", email.To);
        Header(mime, "Subject", Unstructured(email.Subject, "Subject: ".Length));
        Header(mime, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(mime, "Message-ID", MessageIds.For(messageId, fromAddress));
        Header(mime, "MIME-Version", "1.0");
        Header(mime, "Content-Type", $"multipart/alternative;{Crlf} boundary=\"{boundary}\"");
        mime.Append(Crlf);
        Part(mime, boundary, "text/plain", email.Text);
        Part(mime, boundary, "text/html", email.Html);
        mime.Append("--").Append(boundary).Append("--").Append(Crlf);
        return mime.ToString();
    }

    private static void Header(StringBuilder mime, string name, string value) => mime.Append(name).Append(": ").Append(value).Append(Crlf);

    private static void Part(StringBuilder mime, string boundary, string mediaType, string body)
    {
        mime.Append("--").Append(boundary).Append(Crlf);
        Header(mime, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(mime, "Content-Transfer-Encoding", "base64");
        mime.Append(Crlf);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        for (var i = 0; i < encoded.Length; i += 76)
        {
            mime.Append(encoded, i, Math.Min(76, encoded.Length - i)).Append(Crlf);
        }
    }

    /// <summary>
    /// The sender: its display name as a quoted string when it is printable ASCII, else as encoded words with
    /// the address folded onto a line of its own.
    /// </summary>
    private static string Mailbox(string name, string address)
    {
        if (IsPrintableAscii(name))
        {
            return "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + $"\" <{address}>";
        }

        return $"{EncodedWords(name, "From: ".Length)}{Crlf} <{address}>";
    }

    /// <summary>Unstructured text (a subject) as is when printable ASCII that fits the line, else as folded encoded words.</summary>
    private static string Unstructured(string text, int used) =>
        IsPrintableAscii(text) && used + text.Length <= MaxLine ? text : EncodedWords(text, used);

    /// <summary>Encoded words folded onto lines of at most 76 characters; the first line already holds <paramref name="used"/>.</summary>
    private static string EncodedWords(string text, int used)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var bytes = 0;
        var budget = BytesPerWord(MaxEncodedLine - used);
        foreach (var rune in text.EnumerateRunes())
        {
            // Characters are never split between words: each word must decode on its own.
            if (bytes + rune.Utf8SequenceLength > budget && bytes > 0)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
                bytes = 0;
                budget = BytesPerWord(MaxEncodedLine - 1);
            }

            chunk.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        words.Add(Word(chunk.ToString()));
        return string.Join(Crlf + " ", words);
    }

    // Base64 turns every 3 bytes into 4 characters.
    private static int BytesPerWord(int room) => Math.Max(4, (room - WordOverhead) / 4 * 3);

    private static string Word(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static bool IsPrintableAscii(string text) => text.All(c => c is >= ' ' and <= '~');
}
