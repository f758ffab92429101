using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// A fake external service (Stripe, Twilio) that a development API runs inside its own process. It starts when first
/// needed: the adapter's settings ask for its address, and startup validation reads them before any hosted service runs,
/// so the settings cannot wait for a hosted service to have started it. Its start is also this hosted service's, so it
/// runs even when nothing read the settings; it stops with the host.
/// </summary>
/// <typeparam name="TServer">The fake server.</typeparam>
internal abstract class DevelopmentFakeServer<TServer>(IServer server) : IHostedService, IAsyncDisposable
    where TServer : class, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private TServer? _server;
    private bool _stopped;

    public TServer Server
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
        TServer? running;
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

    /// <summary>This API's address once Kestrel listens (a wildcard binding reached on loopback), without a trailing slash; null before.</summary>
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

    /// <summary>Starts the fake (Kestrel binds a loopback port in a moment).</summary>
    protected abstract TServer Start();
}
