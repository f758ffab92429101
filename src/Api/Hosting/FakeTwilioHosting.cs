using HeadlessPortal.FakeTwilio;
using HeadlessPortal.Infrastructure.Texts;
using Microsoft.AspNetCore.Hosting.Server;

namespace HeadlessPortal.Api.Hosting;

internal static class FakeTwilioHosting
{
    /// <summary>True in Development (appsettings.Development.json): the API texts through a fake Twilio it starts itself.</summary>
    public const string UseFakeServerKey = "Twilio:UseFakeServer";

    /// <summary>Where the demo writes each text, under the content root, so a person can read them.</summary>
    public const string MessageDirectory = "data/sms";

    /// <summary>
    /// When <c>Twilio:UseFakeServer</c> is true, runs a <see cref="FakeTwilioServer"/> inside this process and points the
    /// Twilio adapter at it (base URL, account SID and auth token), with this API's own address as the public URL its status
    /// callbacks go to unless <c>Twilio:PublicBaseUrl</c> names one. Each text is also written to <c>data/sms/</c>.
    /// </summary>
    public static IServiceCollection AddFakeTwilioWhenConfigured(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(UseFakeServerKey))
        {
            return services;
        }

        services.AddSingleton<DevelopmentFakeTwilio>();
        services.AddHostedService(sp => sp.GetRequiredService<DevelopmentFakeTwilio>());
        services.AddOptions<TwilioOptions>().PostConfigure<DevelopmentFakeTwilio>((options, fake) =>
        {
            var server = fake.Server;
            options.BaseUrl = server.BaseUrl;
            options.AccountSid = server.AccountSid;
            options.AuthToken = server.AuthToken;
            options.PublicBaseUrl ??= fake.OwnAddress();
        });
        return services;
    }
}

/// <summary>The fake Twilio of a development API: started when first needed, stopped with the host.</summary>
internal sealed partial class DevelopmentFakeTwilio(IServer server, IHostEnvironment environment, ILoggerFactory loggerFactory, ILogger<DevelopmentFakeTwilio> logger)
    : DevelopmentFakeServer<FakeTwilioServer>(server)
{
    protected override FakeTwilioServer Start()
    {
        var directory = Path.Combine(environment.ContentRootPath, FakeTwilioHosting.MessageDirectory);
        var options = new FakeTwilioOptions { MessageDirectory = directory, CallbackDelay = TimeSpan.FromSeconds(1), LoggerFactory = loggerFactory };

        // Kestrel binds a loopback port in a moment; there is no request or synchronization context to block here.
        var started = FakeTwilioServer.StartAsync(options).GetAwaiter().GetResult();
        LogStarted(started.BaseUrl, directory);
        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio:UseFakeServer is on: texts go to a fake Twilio at {BaseUrl} (GET /_fake/messages lists them) and are written to {Directory}")]
    private partial void LogStarted(string baseUrl, string directory);
}
