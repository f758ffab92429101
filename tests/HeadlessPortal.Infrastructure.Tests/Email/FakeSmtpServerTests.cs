using System.Net.Sockets;
using System.Text;

namespace HeadlessPortal.Infrastructure.Tests.Email;

/// <summary>The fake server's own protocol handling, which the sender tests rely on.</summary>
public sealed class FakeSmtpServerTests
{
    [Fact]
    public async Task Data_WhenLinesBeginWithADot_RemovesTheStuffedDot()
    {
        await using var server = new FakeSmtpServer();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };

        Assert.StartsWith("220", await reader.ReadLineAsync());
        foreach (var (command, reply) in new[] { ("EHLO test", "250"), ("MAIL FROM:<a@test>", "250"), ("RCPT TO:<b@test>", "250"), ("DATA", "354") })
        {
            await writer.WriteLineAsync(command);
            Assert.StartsWith(reply, await reader.ReadLineAsync());
        }

        await writer.WriteAsync("Subject: dots\r\n\r\n..one dot\r\n...two dots\r\nnone\r\n.\r\n");
        Assert.StartsWith("250", await reader.ReadLineAsync());
        await writer.WriteLineAsync("QUIT");
        Assert.StartsWith("221", await reader.ReadLineAsync());

        var received = Assert.Single(server.Received);
        Assert.Equal("Subject: dots\r\n\r\n.one dot\r\n..two dots\r\nnone\r\n", received.Data);
        Assert.Equal(["b@test"], received.Recipients);
    }
}
