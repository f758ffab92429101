using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Email;

internal static class EmailRegistration
{
    /// <summary>Environments where emails go to files unless configured otherwise.</summary>
    private static readonly string[] PickupEnvironments = [Environments.Development, "Testing"];

    /// <summary>
    /// Binds "Email", defaults the delivery by environment, fails startup when the settings cannot work (such as
    /// smtp without a host), and registers the sender the settings choose.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, string contentRootPath)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .PostConfigure<IServiceProvider>((options, sp) => options.Delivery = DeliveryFor(options.Delivery, sp.GetService<IHostEnvironment>()))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
        services.AddSingleton<IEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return options.Delivery == EmailDeliveries.Smtp
                ? new SmtpEmailSender(options)
                : new PickupDirectoryEmailSender(Path.GetFullPath(Path.Combine(contentRootPath, options.PickupDirectory)), options, sp.GetRequiredService<IClock>());
        });
        return services;
    }

    private static string DeliveryFor(string? configured, IHostEnvironment? environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().ToLowerInvariant();
        }

        return environment is not null && PickupEnvironments.Any(environment.IsEnvironment) ? EmailDeliveries.Pickup : EmailDeliveries.Smtp;
    }

    private sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
