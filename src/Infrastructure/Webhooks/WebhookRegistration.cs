using HeadlessPortal.Application.Webhooks;
using HeadlessPortal.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HeadlessPortal.Infrastructure.Webhooks;

internal static class WebhookRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebhookOptions>(configuration, WebhookOptions.SectionName);
        services.TryAddSingleton<IWebhookDns, SystemWebhookDns>();
        services.AddSingleton<IWebhookSecrets, WebhookSecrets>();
        services.AddSingleton<IWebhookTargetPolicy, WebhookTargetPolicy>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IWebhookSignal>(sp => sp.GetRequiredService<WebhookSignal>());
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
