using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Email;
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
