using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HeadlessPortal.Infrastructure.Tests.Email;

/// <summary>A message as the fake server received it: the envelope and the DATA, dot-unstuffed.</summary>
internal sealed record SmtpReceived(string MailFrom, IReadOnlyList<string> Recipients, string Data);

/// <summary>
/// An SMTP server on the loopback interface speaking just enough RFC 5321 for a client that sends one message
/// per connection without TLS: EHLO/HELO, MAIL FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP, QUIT, and
/// AUTH PLAIN (RFC 4954) when <see cref="Credentials"/> are set. The reply to each RCPT TO can be scripted, to play a
/// server that defers or refuses.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpReceived> _received = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly Task _accepting;

    public FakeSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The reply to RCPT TO for a recipient; 250 when unset.</summary>
    public Func<string, string> RecipientReply { get; set; } = _ => "250 2.1.5 OK";

    /// <summary>When set, EHLO offers AUTH PLAIN and MAIL FROM needs a successful AUTH with these first.</summary>
    public (string User, string Password)? Credentials { get; init; }

    public IReadOnlyList<SmtpReceived> Received => [.. _received];

    /// <summary>Every command line the server read, DATA content excepted.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        string? mailFrom = null;
        var recipients = new List<string>();
        var authenticated = Credentials is null;
        try
        {
            await writer.WriteLineAsync("220 fake.smtp.test ESMTP ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                _commands.Enqueue(line);
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" when Credentials is not null:
                        await writer.WriteLineAsync("250-fake.smtp.test");
                        await writer.WriteLineAsync("250 AUTH PLAIN");
                        break;
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 fake.smtp.test");
                        break;
                    case "AUTH" when Credentials is { } expected:
                        // AUTH PLAIN with the initial response on the line, or on the next one after an empty challenge.
                        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (words.Length < 2 || !words[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
                        {
                            await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
                            break;
                        }

                        if (words.Length < 3)
                        {
                            await writer.WriteLineAsync("334 ");
                        }

                        var response = words.Length > 2 ? words[2] : await reader.ReadLineAsync(_stop.Token) ?? "";
                        authenticated = PlainCredentials(response) == expected;
                        await writer.WriteLineAsync(authenticated ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
                        break;
                    case "MAIL" when !authenticated:
                        await writer.WriteLineAsync("530 5.7.0 Authentication required");
                        break;
                    case "MAIL":
                        mailFrom = Path(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var reply = RecipientReply(Path(line));
                        if (reply.StartsWith('2'))
                        {
                            recipients.Add(Path(line));
                        }

                        await writer.WriteLineAsync(reply);
                        break;
                    case "DATA" when mailFrom is null || recipients.Count == 0:
                        await writer.WriteLineAsync("554 5.5.1 No valid recipients");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader);
                        _received.Enqueue(new SmtpReceived(mailFrom, [.. recipients], data));
                        mailFrom = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "RSET":
                        mailFrom = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server is stopping.
        }
    }

    // The message ends with a line holding one dot; a line the client began with an extra dot loses it (RFC 5321 section 4.5.2).
    private async Task<string> ReadDataAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
        {
            lines.Add(line.StartsWith('.') ? line[1..] : line);
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    // AUTH PLAIN sends base64 of "authzid NUL user NUL password" (RFC 4616).
    private static (string User, string Password)? PlainCredentials(string base64)
    {
        try
        {
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\0');
            return fields.Length == 3 ? (fields[1], fields[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // The address between the angle brackets of MAIL FROM:<...> or RCPT TO:<...>.
    private static string Path(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : "";
    }
}
