using System.Reflection;
using FluentValidation;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Behaviors;
using Mediator;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        // Handlers are found at compile time by Mediator's source generator. They are scoped because they use
        // the request's DbContext. Behaviours wrap requests in this order, outermost first: logging sees the
        // whole request, validation runs before any transaction opens.
        services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "HeadlessPortal.Application.Common.Messaging";
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.GenerateTypesAsInternal = true;
            options.Assemblies = [typeof(DependencyInjection)];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>), typeof(ReadConnectionBehavior<,>)];
        });
        // Validators hold no state (none reads the clock or a scoped service; a few read options, which are fixed), and
        // building one, its rules, is not free: a request's validator built anew was 5% of the portal's jobs list as
        // 2,000 users (docs/PERFORMANCE.md, round six), and an import batch resolves all the synced documents' ones. One
        // each serves the whole process; FluentValidation validators are safe to share between threads.
        // ValidatorLifetimeTests holds them to taking nothing but options.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddScoped<IAuditLog, AuditLog>();
        services.AddSingleton<EmailTemplateRenderer>();
        services.AddScoped<IEmailComposer, EmailComposer>();
        services.AddScoped<IOutboxHandler, EmailDeliveryHandler>();
        services.AddScoped<IOutboxHandler, Reviews.ReviewPromptOpener>();
        services.AddScoped<IOutboxHandler, Reviews.ReviewRequestEmailHandler>();
        services.AddSyncResources(assembly);

        services.AddScoped<Portal.CurrentPortalSession>();
        services.AddScoped<Portal.PortalCustomerAccess>();
        services.AddSingleton<Portal.PortalReadCache>();
        services.AddScoped<Portal.PortalViewer>();
        services.AddScoped<PortalAuth.PortalSessionStarter>();
        services.AddScoped<PortalAuth.SignInWithPassword.PasswordSessions>();
        services.AddScoped<PortalAuth.RedeemEmailLink.EmailLinkSessions>();
        services.AddScoped<PortalAuth.SignInWithPortalLink.PortalLinkSessions>();
        services.AddScoped<Portal.PortalEmails>();
        services.AddScoped<Proposals.ProposalDecider>();
        services.AddScoped<IOutboxHandler, PortalAuth.PortalEmailRequestedHandler>();
        services.AddScoped<IMaintenanceTask, PortalAuth.ExpiredPortalCredentialsCleanup>();
        services.AddScoped<IMaintenanceTask, Webhooks.WebhookLogCleanup>();

        services.AddScoped<Payments.PaymentSettler>();
        services.AddScoped<Payments.PaymentCheckout>();
        services.AddScoped<Payments.FailedPaymentLimits>();
        services.AddScoped<Payments.PaymentRecoverer>();
        services.AddScoped<IMaintenanceTask, Payments.PaymentRecovery>();
        services.AddScoped<IOutboxHandler, Payments.PaymentEmailRequestedHandler>();
        services.AddScoped<IOutboxHandler, Proposals.ProposalEmailRequestedHandler>();
        services.AddScoped<IOutboxHandler, Bookings.BookingEmailRequestedHandler>();
        services.AddScoped<Bookings.BookableJobTypes>();
        services.AddScoped<Bookings.AppointmentChanges>();
        services.AddSingleton<PaymentLinks.PaymentLinkResolver>();
        services.AddScoped<PaymentLinks.PaymentLinkIssuer>();
        services.AddScoped<IOutboxHandler, PaymentLinks.InvoiceSentEmailHandler>();
        services.AddSingleton<EstimateLinks.EstimateLinkResolver>();
        services.AddScoped<EstimateLinks.EstimateLinkIssuer>();
        services.AddScoped<IOutboxHandler, EstimateLinks.EstimateSentEmailHandler>();

        services.AddScoped<PortalPaymentMethods.SavedMethodsGate>();
        services.AddScoped<PortalPaymentMethods.SavedPaymentMethodStore>();
        services.AddScoped<Payments.ISavedPaymentMethodLookup, PortalPaymentMethods.SavedPaymentMethodLookup>();
        services.AddScoped<Payments.ISetupIntentEvents, PortalPaymentMethods.SetupIntentSucceededHandler>();
        services.AddScoped<IOutboxHandler, PortalPaymentMethods.DescribePaymentMethodHandler>();

        services.AddScoped<Texts.TextSender>();
        services.AddScoped<TextTemplates.TextSamples>();
        services.AddScoped<IMaintenanceTask, Texts.DueTextSweep>();
        foreach (var milestone in Texts.TextMilestones.All)
        {
            services.AddScoped<IOutboxHandler>(sp => ActivatorUtilities.CreateInstance<Texts.TextMilestoneHandler>(sp, milestone));
        }

        // One webhook fan-out per event type an endpoint can subscribe to.
        foreach (var type in Domain.Webhooks.WebhookEventTypes.All)
        {
            services.AddScoped<IOutboxHandler>(sp => new Webhooks.WebhookFanOutHandler(
                type, sp.GetRequiredService<Common.Interfaces.IAppDbContext>(), sp.GetRequiredService<Common.Interfaces.IClock>(), sp.GetRequiredService<Webhooks.IWebhookSignal>()));
        }

        return services;
    }

    /// <summary>Registers every synced resource (a subclass of SyncResource) and the registry that finds them.</summary>
    internal static IServiceCollection AddSyncResources(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in SyncResourceTypes(assembly))
        {
            services.AddScoped(typeof(ISyncResource), type);
        }

        services.AddScoped<SyncResourceRegistry>();
        return services;
    }

    /// <summary>The concrete synced resources: (resource type, document type, view type).</summary>
    public static IEnumerable<Type> SyncResourceTypes(Assembly? assembly = null) =>
        (assembly ?? Assembly.GetExecutingAssembly()).GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ISyncResource).IsAssignableFrom(t));
}
