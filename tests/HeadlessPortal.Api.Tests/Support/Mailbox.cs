using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>An email the API delivered, read back from the pickup directory with its bodies decoded.</summary>
/// <param name="MessageId">The Message-ID header, such as &lt;0193…@portal.localhost&gt;: the outbox message id at the sender's domain.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="From">The sender as "Display Name &lt;address&gt;".</param>
/// <param name="Subject">The decoded subject.</param>
/// <param name="Text">The text/plain body.</param>
/// <param name="Html">The text/html body.</param>
public sealed record ReceivedEmail(string MessageId, string To, string From, string Subject, string Text, string Html)
{
    public static ReceivedEmail Parse(string raw)
    {
        var message = MimeMessage.Parse(raw);
        var name = message.DisplayName("From");
        var from = message.Address("From") ?? "";
        return new ReceivedEmail(
            message.Header("Message-ID") ?? "",
            message.Address("To") ?? "",
            name.Length > 0 ? $"{name} <{from}>" : from,
            message.Header("Subject") ?? "",
            message.Text ?? "",
            message.Html ?? "");
    }
}

/// <summary>
/// The emails an API under test sent, as its pickup delivery (Email:Delivery=pickup) wrote them: one .eml file
/// per outbox message in <see cref="Directory"/>. Tests that share an API tell their emails apart by recipient.
/// </summary>
public sealed class Mailbox(string directory)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public string Directory { get; } = directory;

    /// <summary>Every email delivered so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> All()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        // Files appear whole (written under another name, then renamed), so each one read is complete.
        return new DirectoryInfo(Directory).GetFiles("*.eml")
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(f => ReceivedEmail.Parse(File.ReadAllText(f.FullName)))
            .ToList();
    }

    /// <summary>
    /// Waits until an email to <paramref name="to"/> (that satisfies <paramref name="match"/>, when given) has been
    /// delivered, and returns it; fails after <paramref name="timeout"/> (15 seconds unless given) listing what arrived.
    /// </summary>
    public async Task<ReceivedEmail> WaitForAsync(string to, Func<ReceivedEmail, bool>? match = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var all = All();
            var found = all.FirstOrDefault(e => string.Equals(e.To, to, StringComparison.OrdinalIgnoreCase) && (match?.Invoke(e) ?? true));
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var what = all.Count == 0
                    ? "no email at all"
                    : $"{all.Count} email(s):" + string.Concat(all.Select(e => $"{Environment.NewLine}  to {e.To}: \"{e.Subject}\""));
                throw new TimeoutException(
                    $"No email to {to}{(match is null ? "" : " matching the condition")} arrived within {limit.TotalSeconds:0.#} s; {Directory} holds {what}");
            }

            await Task.Delay(50);
        }
    }
}
