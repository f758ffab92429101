using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Webhooks;

/// <summary>How one attempt went: the answer's status and start of its body, or why there was none.</summary>
internal sealed record WebhookAttempt(int? Status, string? Body, int DurationMs, string? Error, bool AddressRefused)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Network errors, timeouts, 429 and 5xx are worth trying again; other answers (4xx, 3xx) and refused addresses are not.</summary>
    public bool Retryable => !AddressRefused && (Status is null or 429 or >= 500);
}

/// <summary>
/// Posts webhook bodies. Its connections go only to addresses checked after DNS resolution (a ConnectCallback resolves the
/// host itself and connects to an allowed address), so a name that resolves to a public address when the endpoint is saved
/// and to an internal one later (DNS rebinding) is still refused. No proxy (it would connect on our behalf, unchecked), no
/// redirects (a redirect could point anywhere), a timeout per attempt.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const int ResponseBodyBytes = 4096;

    private readonly HttpClient _client;

    public WebhookSender(IOptions<WebhookOptions> options, IWebhookDns dns)
    {
        var settings = options.Value;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = settings.Timeout,
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host.Trim('[', ']');
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await dns.ResolveAsync(host, ct);
                var allowed = settings.AllowPrivateAddresses ? addresses : addresses.Where(WebhookAddresses.IsPublic).ToArray();
                if (allowed.Length == 0)
                {
                    throw new WebhookAddressRefusedException($"{host} resolves only to addresses webhooks may not reach (loopback, link-local, private or internal).");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = settings.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("HeadlessPortal-Webhooks/1");
    }

    public async Task<WebhookAttempt> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var text = await ReadStartAsync(response, ct);
            return new WebhookAttempt((int)response.StatusCode, text, Elapsed(watch), null, false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookAddressRefusedException refused)
        {
            return new WebhookAttempt(null, null, Elapsed(watch), refused.Message, true);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(null, null, Elapsed(watch), ex.InnerException?.Message ?? ex.Message, false);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(null, null, Elapsed(watch), $"No answer within {_client.Timeout.TotalSeconds:0} s.", false);
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseBodyBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}
