using HeadlessPortal.Application.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

internal static class StripeRegistration
{
    /// <summary>
    /// Binds "Stripe", fails startup when the settings cannot work (a malformed URL or key), and registers the typed
    /// HttpClient behind <see cref="IPaymentGateway"/>, its retry pipeline and the webhook reader. An unset secret key is
    /// valid: the API runs without online payments, and every call fails with <see cref="PaymentGatewayErrorKind.Authentication"/>.
    /// </summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();
        services.AddSingleton<StripeResilience>();

        // Timeouts are per attempt, in the pipeline; the client's own would cut across retries.
        services.AddHttpClient<IPaymentGateway, StripeClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IPaymentWebhookReader, StripeWebhookReader>();
        return services;
    }

    private sealed class StripeOptionsValidation : IValidateOptions<StripeOptions>
    {
        public ValidateOptionsResult Validate(string? name, StripeOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
