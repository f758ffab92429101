using Hangfire;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Texts;

internal static class TextRegistration
{
    /// <summary>Binds "Twilio", registers the Twilio adapter behind <see cref="ISmsSender"/>, the webhook validator, and the Hangfire text queue.</summary>
    public static IServiceCollection AddTexts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TwilioOptions>(configuration, TwilioOptions.SectionName);
        services.AddTransient<TwilioBaseUrlHandler>();
        services.AddHttpClient<ISmsSender, TwilioSmsSender>()
            .ConfigureHttpClient((provider, http) => http.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TwilioOptions>>().Value.TimeoutSeconds))
            .AddHttpMessageHandler<TwilioBaseUrlHandler>();
        services.AddSingleton<ISmsWebhookValidator, TwilioWebhookValidator>();
        services.AddSingleton<ITextQueue, HangfireTextQueue>();
        return services;
    }
}

/// <summary>
/// Texts are sent by Hangfire jobs (<see cref="TextSendJob"/>): enqueued at once, or scheduled for the end of quiet
/// hours (a delayed job). The delay is measured on the application's clock, so a moved clock in tests moves it too.
/// </summary>
internal sealed class HangfireTextQueue(IBackgroundJobClient jobs, IClock clock) : ITextQueue
{
    public void Enqueue(Guid tenantId, Guid textId) => jobs.Enqueue<TextSendJob>(j => j.RunAsync(tenantId, textId, CancellationToken.None));

    public void Schedule(Guid tenantId, Guid textId, DateTimeOffset dueAt)
    {
        var delay = dueAt - clock.UtcNow;
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(tenantId, textId);
            return;
        }

        jobs.Schedule<TextSendJob>(j => j.RunAsync(tenantId, textId, CancellationToken.None), delay);
    }
}

/// <summary>The Hangfire job that sends one text, in a scope of its own. Not retried by Hangfire: <see cref="TextSender"/> schedules its own retries.</summary>
public sealed class TextSendJob(TextSender sender)
{
    [JobDisplayName("text {1}")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid tenantId, Guid textId, CancellationToken cancellationToken) => await sender.SendAsync(tenantId, textId, cancellationToken);
}
