using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Email;
using HeadlessPortal.TestSupport;
using MailKit.Net.Smtp;

namespace HeadlessPortal.Infrastructure.Tests.Email;

public sealed class SmtpEmailSenderTests
{
    private static readonly OutgoingEmail Email = new(
        "jane.doe@example.com",
        "Café Ödön HVAC",
        "Your invitation — Ödön's portal ✓",
        "<p>Hello Jane,</p>\r\n<p><a href=\"https://portal.example/i/abc?x=1&y=2\">Join</a></p>\r\n.<p>a line that starts with a dot</p>\r\n",
        "Hello Jane,\r\n\r\nJoin: https://portal.example/i/abc?x=1&y=2\r\n.a line that starts with a dot\r\n..two dots\r\nÜmlaut and emoji 🎉\r\n",
        "invitation");

    [Fact]
    public async Task Send_WritesTextAndHtmlAlternativesWithTheSenderNameAndTheMessageId()
    {
        await using var server = new FakeSmtpServer();
        var id = Guid.NewGuid();

        await Sender(server).SendAsync(Email, id, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("no-reply@portal.test", received.MailFrom);
        Assert.Equal(["jane.doe@example.com"], received.Recipients);
        var message = MimeMessage.Parse(received.Data);
        Assert.Equal("no-reply@portal.test", message.Address("From"));
        Assert.Equal("Café Ödön HVAC", message.DisplayName("From"));
        Assert.Equal("jane.doe@example.com", message.Address("To"));
        Assert.Equal(Email.Subject, message.Header("Subject"));
        Assert.Equal($"<{id}@portal.test>", message.Header("Message-ID"));
        Assert.Equal("multipart/alternative", message.MediaType);
        Assert.Equal(["text/plain", "text/html"], message.Parts.Select(p => p.MediaType));
        Assert.Equal(Email.Text, message.Text);
        Assert.Equal(Email.Html, message.Html);
    }

    [Fact]
    public async Task Send_WithAUserName_AuthenticatesBeforeSending()
    {
        await using var server = new FakeSmtpServer { Credentials = ("mailer", "s3cret pass") };
        var options = Options(server.Port);
        options.Smtp.Username = "mailer";
        options.Smtp.Password = "s3cret pass";

        await new SmtpEmailSender(options).SendAsync(Email, Guid.NewGuid(), CancellationToken.None);

        Assert.Contains(server.Commands, c => c.StartsWith("AUTH PLAIN", StringComparison.Ordinal));
        Assert.Equal(["jane.doe@example.com"], Assert.Single(server.Received).Recipients);
    }

    [Fact]
    public async Task Send_WhenStartTlsIsOnButTheServerDoesNotOfferIt_FailsForARetryWithoutSendingInTheClear()
    {
        await using var server = new FakeSmtpServer();
        var options = Options(server.Port);
        options.Smtp.StartTls = true;

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => new SmtpEmailSender(options).SendAsync(Email, Guid.NewGuid(), CancellationToken.None));

        Assert.IsNotType<PermanentDeliveryException>(ex);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Empty(server.Received);
    }

    [Theory]
    [InlineData("550 5.1.1 No such user")]
    [InlineData("553 5.1.3 Mailbox name not allowed")]
    public async Task Send_WhenTheServerRefusesTheRecipientForGood_FailsPermanently(string reply)
    {
        await using var server = new FakeSmtpServer { RecipientReply = _ => reply };

        var ex = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Sender(server).SendAsync(Email, Guid.NewGuid(), CancellationToken.None));

        Assert.Contains(reply[..3], ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Theory]
    [InlineData("450 4.2.1 Mailbox busy")]
    [InlineData("451 4.3.0 Local error")]
    public async Task Send_WhenTheServerDefersTheRecipient_FailsForARetry(string reply)
    {
        await using var server = new FakeSmtpServer { RecipientReply = _ => reply };

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Sender(server).SendAsync(Email, Guid.NewGuid(), CancellationToken.None));

        Assert.IsNotType<PermanentDeliveryException>(ex);
        Assert.IsAssignableFrom<SmtpCommandException>(ex);
    }

    [Fact]
    public async Task Send_WhenTheServerIsUnreachable_FailsForARetry()
    {
        int port;
        await using (var server = new FakeSmtpServer())
        {
            port = server.Port;
        }

        var sender = new SmtpEmailSender(Options(port));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Email, Guid.NewGuid(), CancellationToken.None));

        Assert.IsNotType<PermanentDeliveryException>(ex);
    }

    private static SmtpEmailSender Sender(FakeSmtpServer server) => new(Options(server.Port));

    private static EmailOptions Options(int port) => new()
    {
        Delivery = EmailDeliveries.Smtp,
        FromAddress = "no-reply@portal.test",
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, StartTls = false },
    };
}
