using HeadlessPortal.Application.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using HeadlessPortal.Infrastructure.Configuration;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

internal static class StripeRegistration
{
    /// <summary>
    /// Binds "Stripe", fails startup when the settings cannot work (a malformed URL or key), and registers the typed
    /// HttpClient that Stripe.net sends with behind <see cref="IPaymentGateway"/>, and the webhook reader. An unset secret key
    /// is valid: the API runs without online payments, and every call fails with <see cref="PaymentGatewayErrorKind.Authentication"/>.
    /// </summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StripeOptions>(configuration, StripeOptions.SectionName);

        // Stripe.net sends each attempt through the client on its own, so the client's timeout is per attempt.
        services.AddHttpClient<IPaymentGateway, StripePaymentGateway>()
            .ConfigureHttpClient((provider, http) => http.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<StripeOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<IPaymentWebhookReader, StripeWebhookReader>();
        return services;
    }
}
