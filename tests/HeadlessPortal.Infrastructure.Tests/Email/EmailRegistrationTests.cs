using System.Globalization;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Email;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Tests.Email;

public sealed class EmailRegistrationTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Sender_InDevelopmentAndTesting_WritesToThePickupDirectoryUnderTheContentRoot(string environment)
    {
        using var host = Build(environment, []);

        var sender = Assert.IsType<PickupDirectoryEmailSender>(host.Services.GetRequiredService<IEmailSender>());
        Assert.Equal(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "data", "mail")), sender.Directory);
    }

    [Fact]
    public void Sender_ElsewhereWithAnSmtpHost_SendsThroughSmtp()
    {
        using var host = Build("Production", new() { ["Email:Smtp:Host"] = "smtp.example.com" });

        Assert.IsType<SmtpEmailSender>(host.Services.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public async Task Sender_ElsewhereWithAnSmtpHost_DeliversToThatServerWithBothBodies()
    {
        await using var server = new FakeSmtpServer();
        using var host = Build("Production", new()
        {
            ["Email:FromAddress"] = "no-reply@portal.test",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:StartTls"] = "false",
        });
        var email = new OutgoingEmail("jane.doe@example.com", "Acme HVAC", "Your invoice INV-1042", "<p>Your invoice is ready.</p>\r\n", "Your invoice is ready.\r\n", "invoice");
        var id = Guid.NewGuid();

        await host.Services.GetRequiredService<IEmailSender>().SendAsync(email, id, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("no-reply@portal.test", received.MailFrom);
        Assert.Equal(["jane.doe@example.com"], received.Recipients);
        var message = MimeMessage.Parse(received.Data);
        Assert.Equal("Your invoice INV-1042", message.Header("Subject"));
        Assert.Equal($"<{id}@portal.test>", message.Header("Message-ID"));
        Assert.Equal(email.Text, message.Text);
        Assert.Equal(email.Html, message.Html);
    }

    [Fact]
    public async Task Startup_ElsewhereWithoutAnSmtpHost_FailsNamingTheSetting()
    {
        using var host = Build("Production", []);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Email:Smtp:Host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithAnUnknownDelivery_FailsNamingTheSetting()
    {
        using var host = Build("Development", new() { ["Email:Delivery"] = "carrier-pigeon" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Email:Delivery", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        settings["Outbox:Enabled"] = "false";
        settings["Maintenance:Enabled"] = "false";
        settings["Imports:WorkerEnabled"] = "false";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddInfrastructure(builder.Configuration, AppContext.BaseDirectory);
        return builder.Build();
    }
}
