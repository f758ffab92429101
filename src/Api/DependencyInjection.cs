using HeadlessPortal.Application.PortalAuth;
using System.Text.Json;
using System.Text.Json.Serialization;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.Hosting;
using HeadlessPortal.Api.Observability;
using HeadlessPortal.Api.OpenApi;
using HeadlessPortal.Api.Portal;
using HeadlessPortal.Api.RateLimiting;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Application.Tenants;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Configuration;
using HeadlessPortal.Demo;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HeadlessPortal.Api;

public static class DependencyInjection
{
    public const string ApiSectionName = "Api";
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddKeyRing(configuration, environment);
        services.AddSettings<TenancyOptions>(configuration, TenancyOptions.SectionName);
        services.AddSettings<DemoOptions>(configuration, DemoOptions.SectionName);
        services.AddSingleton<IValidateOptions<DemoOptions>, DevelopmentOnlySettings>();
        services.AddSingleton<IssuerSettings>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<IssuerSettings>());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<IssuerSettings>());
        services.AddSettings<ForwardedHeadersSettings>(configuration, ForwardedHeadersSettings.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, proxies) => proxies.Value.Apply(options));
        services.AddSettings<PortalOptions>(configuration, PortalOptions.SectionName);
        services.AddSettings<Application.EstimateLinks.EstimateLinkOptions>(configuration, Application.EstimateLinks.EstimateLinkOptions.SectionName);
        services.AddSettings<Application.Payments.PaymentOptions>(configuration, Application.Payments.PaymentOptions.SectionName);
        services.AddSettings<PlatformOptions>(configuration, PlatformOptions.SectionName);

        var maxBody = configuration.GetValue<long?>($"{ApiSectionName}:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = maxBody;
            o.AddServerHeader = false;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            StrictRequestJson.Apply(o.SerializerOptions);
        });

        services.AddApiProblemDetails();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PlatformKeyAuthenticationHandler>(PlatformKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, AdminBearerAuthenticationHandler>(AdminBearerAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, PortalBearerAuthenticationHandler>(PortalBearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PlatformKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(PlatformKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(PortalBearerAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(PortalBearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddScopePolicies();
        services.AddApiRateLimits(configuration);
        services.AddTokenServer();
        services.AddHttpContextAccessor();
        // The token server is not asked to answer requests under /v1 (RequestHandlerSchemes).
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, RequestHandlerSchemes>());
        services.AddScoped<IPortalTokenIssuer, FirstPartyTokens>();

        // The dashboard's buttons post forms, and a browser resends Basic credentials by itself: with antiforgery
        // registered, Hangfire checks a token on every dashboard POST. No API endpoint binds forms, so none else checks.
        services.AddAntiforgery();
        services.AddSingleton<PortalResponseCache>();
        services.AddCors();
        services.Replace(ServiceDescriptor.Scoped<ICorsPolicyProvider, PortalCorsPolicyProvider>());

        services.AddApiDocumentation();
        services.AddApiTelemetry(configuration);
        services.AddHostedService<StartupTasks>();
        if (environment.IsDevelopment())
        {
            services.AddDemoData();
            services.AddFakeStripeWhenConfigured(configuration);
            services.AddFakeTwilioWhenConfigured(configuration);
        }

        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        var maxBody = app.Configuration.GetValue<long?>($"{ApiSectionName}:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;

        // First: the per-IP limits, the recorded payer address, HTTPS and same-origin checks see the client, not the proxy.
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().Any)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<RequestSizeLimitMiddleware>(maxBody);
        app.UseMiddleware<PortalCallerMiddleware>();

        // After the portal caller: the CORS policy reads the caller it resolved from the key.
        app.UseCors();
        app.UseMiddleware<TokenRequestGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSwagger(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0);
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint(SwaggerSetup.DocumentPath, "HeadlessPortal API v1");
            o.DocumentTitle = "HeadlessPortal API";
            o.RoutePrefix = "swagger";

            // QA runs whole flows here: find operations by tag, link to one, and keep the keys and tokens across reloads.
            o.EnableFilter();
            o.EnableDeepLinking();
            o.EnablePersistAuthorization();

            // A portal user signs in through the hosted sign-in page: the authorization code flow, with PKCE (S256) as the
            // token server requires. In Development the demo registers Swagger UI as a public app, whose id is filled in;
            // the admin's client credentials are typed in (demo-admin and its secret).
            o.OAuthUsePkce();
            if (app.Environment.IsDevelopment())
            {
                o.OAuthClientId(DemoCredentials.SwaggerUiClientId);
            }
        });
        return app;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapOAuthEndpoints();
        app.MapAuthorizeEndpoints();
        app.MapPlatformEndpoints();
        app.MapAdminEndpoints();
        app.MapAdminEmailTemplateEndpoints();
        app.MapAdminTextTemplateEndpoints();
        app.MapAdminSyncEndpoints();
        app.MapAdminDocumentEndpoints(app.Services.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxBytes);
        app.MapAdminImportEndpoints();
        app.MapAdminPortalAccessEndpoints();
        app.MapAdminPaymentEndpoints();
        app.MapAdminEstimateLinkEndpoints();
        app.MapAdminBookingEndpoints();
        app.MapAdminReviewEndpoints();
        app.MapAdminSchedulingEndpoints();
        app.MapAdminWebhookEndpoints();
        app.MapAdminOAuthAppEndpoints();
        app.MapPublicEndpoints();
        app.MapPublicPaymentLinkEndpoints();
        app.MapPublicEstimateLinkEndpoints();
        app.MapPublicBookingEndpoints();
        app.MapPortalAuthEndpoints();
        app.MapPortalJobEndpoints();
        app.MapPortalSchedulingEndpoints();
        app.MapPortalAssetEndpoints();
        app.MapPortalInvoiceEndpoints();
        app.MapPortalProposalEndpoints();
        app.MapPortalPaymentEndpoints();
        app.MapPortalPaymentMethodEndpoints();
        app.MapPortalBookingEndpoints();
        app.MapPaymentAccountEndpoints();
        app.MapWebhookEndpoints();
        app.MapBenchBaselineEndpoints();
        app.MapJobDashboard();
        app.MapWidgetEndpoints(app.Environment.IsDevelopment());
        return app;
    }
}
