using HeadlessPortal.FakeTwilio;
using HeadlessPortal.Infrastructure.Texts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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
    : IHostedService, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private FakeTwilioServer? _server;
    private bool _stopped;

    public FakeTwilioServer Server
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_stopped, this);
                return _server ??= Start();
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Server;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        FakeTwilioServer? running;
        lock (_gate)
        {
            running = _server;
            _server = null;
            _stopped = true;
        }

        if (running is not null)
        {
            await running.DisposeAsync();
        }
    }

    /// <summary>This API's address once Kestrel listens (a wildcard binding reached on loopback); null before.</summary>
    public string? OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        foreach (var wildcard in new[] { "://[::]", "://0.0.0.0", "://+", "://*" })
        {
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        return address.TrimEnd('/');
    }

    private FakeTwilioServer Start()
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
