using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>A request a <see cref="WebhookReceiver"/> received.</summary>
public sealed record ReceivedWebhook(string Body, string? Signature, string? EventId, string? DeliveryId, string ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The v1 values of Portal-Signature, in order.</summary>
    public IReadOnlyList<string> Signatures => Parts("v1");

    public long Timestamp => long.Parse(Parts("t").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether one v1 value is the HMAC-SHA256 of "t.body" with <paramref name="secret"/>, as docs/WEBHOOKS.md says to check.</summary>
    public bool IsSignedWith(string secret)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{Timestamp}.{Body}"));
        return Signatures.Any(v => CryptographicOperations.FixedTimeEquals(Convert.FromHexString(v), expected));
    }

    private List<string> Parts(string key) =>
        (Signature ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == key).Select(p => p[1]).ToList();
}

/// <summary>
/// A real HTTP server on loopback (Kestrel) that receives webhooks, records each request, and answers the statuses the
/// test queues (200 once the queue is empty).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Where to point an endpoint, such as http://127.0.0.1:5123/hooks.</summary>
    public string Url { get; private set; } = "";

    public int Port { get; private set; }

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new ReceivedWebhook(
                body,
                context.Request.Headers["Portal-Signature"].ToString(),
                context.Request.Headers["Portal-Event-Id"].ToString(),
                context.Request.Headers["Portal-Delivery-Id"].ToString(),
                context.Request.ContentType ?? ""));
            var status = receiver._answers.TryDequeue(out var queued) ? queued : 200;
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status < 300 ? "thanks" : $"answer {status}");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        receiver.Port = address.Port;
        receiver.Url = $"http://127.0.0.1:{address.Port}/hooks";
        return receiver;
    }

    /// <summary>The next requests are answered with these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (that match, when given), and returns them.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, Func<ReceivedWebhook, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _received.Where(r => match?.Invoke(r) ?? true).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{found.Count} of {count} webhook(s) arrived; {_received.Count} in all.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
