using System.Text.Json;
using HeadlessPortal.Application.Messaging;
using NSubstitute;

namespace HeadlessPortal.Application.Tests.Messaging;

public sealed class EmailDeliveryHandlerTests
{
    private static readonly OutgoingEmail Email = new(
        "jane@example.com", "Acme HVAC", "You're invited", "<a href=\"https://x.example/i/secret\">Join</a>", "Join: https://x.example/i/secret", "invitation");

    [Fact]
    public async Task Handle_WhenTheEmailIsSent_ReturnsThePayloadWithoutItsBodies()
    {
        var sender = Substitute.For<IEmailSender>();
        var id = Guid.NewGuid();

        var delivery = await new EmailDeliveryHandler(sender).HandleAsync(Envelope(id, JsonSerializer.Serialize(Email, JsonSerializerOptions.Web)), CancellationToken.None);

        await sender.Received(1).SendAsync(Email, id, Arg.Any<CancellationToken>());
        var stored = JsonSerializer.Deserialize<OutgoingEmail>(delivery.PayloadAfterDelivery!, JsonSerializerOptions.Web);
        Assert.Equal(Email with { Html = EmailDeliveryHandler.Redacted, Text = EmailDeliveryHandler.Redacted }, stored);
        Assert.DoesNotContain("secret", delivery.PayloadAfterDelivery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"to":"jane@example.com"}""")]
    [InlineData("""{"to":"not an address","fromName":"A","subject":"S","html":"h","text":"t","kind":"k"}""")]
    [InlineData("""{"to":"Jane <jane@example.com>","fromName":"A","subject":"S","html":"h","text":"t","kind":"k"}""")]
    public async Task Handle_WhenThePayloadIsMalformed_FailsPermanentlyWithoutSending(string payload)
    {
        var sender = Substitute.For<IEmailSender>();

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => new EmailDeliveryHandler(sender).HandleAsync(Envelope(Guid.NewGuid(), payload), CancellationToken.None));

        await sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default, default);
    }

    [Fact]
    public async Task Handle_WhenTheSenderFails_LetsTheFailureThrough()
    {
        var sender = Substitute.For<IEmailSender>();
        sender.SendAsync(default!, default, default).ReturnsForAnyArgs(Task.FromException(new IOException("421 closing")));

        await Assert.ThrowsAsync<IOException>(() =>
            new EmailDeliveryHandler(sender).HandleAsync(Envelope(Guid.NewGuid(), JsonSerializer.Serialize(Email, JsonSerializerOptions.Web)), CancellationToken.None));
    }

    private static OutboxEnvelope Envelope(Guid id, string payload) => new(id, Guid.NewGuid(), EmailMessages.Type, payload, 1);
}
