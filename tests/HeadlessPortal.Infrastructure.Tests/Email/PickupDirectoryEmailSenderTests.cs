using System.Globalization;
using System.Text;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Email;
using HeadlessPortal.Infrastructure.Tests.Messaging;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Infrastructure.Tests.Email;

public sealed class PickupDirectoryEmailSenderTests : IDisposable
{
    private static readonly OutgoingEmail Email = new(
        "jane.doe@example.com",
        "Café \"Ödön\" HVAC",
        "Your invitation — Ödön's portal ✓",
        "<p>Hello Jane,</p>\r\n<p><a href=\"https://portal.example/i/abc?x=1&y=2\">Join</a></p>\r\n",
        "Hello Jane,\r\n\r\nJoin: https://portal.example/i/abc?x=1&y=2\r\nÜmlaut and emoji 🎉\r\n",
        "invitation");

    private readonly string _directory = Directory.CreateTempSubdirectory("hp-pickup-").FullName;
    private readonly TestClock _clock = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Send_WritesACompleteMimeMessageNamedAfterTheMessageId()
    {
        var id = Guid.NewGuid();

        await Sender().SendAsync(Email, id, CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Path.Combine(_directory, $"{id}.eml"));
        Assert.All(raw, c => Assert.True(c < 128, $"non-ASCII character {c}"));
        var message = MimeMessage.Parse(raw);
        Assert.Equal("no-reply@portal.test", message.Address("From"));
        Assert.Equal("Café \"Ödön\" HVAC", message.DisplayName("From"));
        Assert.Equal("jane.doe@example.com", message.Address("To"));
        Assert.Equal(Email.Subject, message.Header("Subject"));
        Assert.Contains("=?utf-8?", message.RawHeader("Subject"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"<{id}@portal.test>", message.Header("Message-ID"));
        Assert.Equal("1.0", message.Header("MIME-Version"));
        Assert.Equal(_clock.UtcNow.AddTicks(-(_clock.UtcNow.Ticks % TimeSpan.TicksPerSecond)), DateTimeOffset.ParseExact(message.Header("Date")!, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Assert.Equal("multipart/alternative", message.MediaType);
        Assert.Equal(["text/plain", "text/html"], message.Parts.Select(p => p.MediaType));
        Assert.Equal(Email.Text, message.Text);
        Assert.Equal(Email.Html, message.Html);
    }

    [Fact]
    public async Task Send_WhenTheHeadersAreLongOrHoldLineBreaks_FoldsThemIntoEncodedWordsThatCannotBreakOut()
    {
        var line = string.Concat(Enumerable.Repeat("Ünïcödé subject with ✓ marks ", 8));
        var subject = line + "\r\nBcc: attacker@example.com";
        var id = Guid.NewGuid();

        await Sender().SendAsync(Email with { Subject = subject, FromName = "Acme\r\nBcc: attacker@example.com" }, id, CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Path.Combine(_directory, $"{id}.eml"));
        var head = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.All(head.Split("\r\n"), line => Assert.True(line.Length <= 78, $"header line of {line.Length} characters: {line}"));
        Assert.DoesNotContain(head.Split("\r\n"), line => line.StartsWith("Bcc", StringComparison.OrdinalIgnoreCase));
        var message = MimeMessage.Parse(raw);
        Assert.Equal(line + "Bcc: attacker@example.com", message.Header("Subject"));
        Assert.Equal("Acme\r\nBcc: attacker@example.com", message.DisplayName("From"));
    }

    [Fact]
    public async Task Send_WhenTheSameMessageIsDeliveredAgain_KeepsOneFileAndNoTemporaryOnes()
    {
        var id = Guid.NewGuid();

        await Sender().SendAsync(Email, id, CancellationToken.None);
        await Sender().SendAsync(Email, id, CancellationToken.None);

        Assert.Equal([$"{id}.eml"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Send_WhenTheDirectoryDoesNotExistYet_CreatesIt()
    {
        var directory = Path.Combine(_directory, "nested", "mail");
        var id = Guid.NewGuid();

        await new PickupDirectoryEmailSender(directory, Options(), _clock).SendAsync(Email, id, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(directory, $"{id}.eml")));
    }

    [Fact]
    public async Task Send_WithPlainAsciiHeaders_WritesThemReadably()
    {
        var id = Guid.NewGuid();

        await Sender().SendAsync(Email with { FromName = "Acme HVAC", Subject = "Your invoice" }, id, CancellationToken.None);

        var message = MimeMessage.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, $"{id}.eml"), Encoding.ASCII));
        Assert.Equal("Your invoice", message.RawHeader("Subject"));
        Assert.Equal("Acme HVAC <no-reply@portal.test>", message.RawHeader("From"));
    }

    private PickupDirectoryEmailSender Sender() => new(_directory, Options(), _clock);

    private static EmailOptions Options() => new() { Delivery = EmailDeliveries.Pickup, FromAddress = "no-reply@portal.test" };
}
