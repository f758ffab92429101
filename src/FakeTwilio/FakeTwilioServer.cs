using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeadlessPortal.FakeTwilio;

/// <summary>
/// A small Twilio on 127.0.0.1 for tests and the demo: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with
/// Twilio's form fields, HTTP Basic authentication, message and error JSON, and status callbacks (queued, sent, then
/// delivered or undelivered) to the message's <c>StatusCallback</c>, signed with <c>X-Twilio-Signature</c> as Twilio
/// signs them. Every request and callback is recorded. Failures are scripted with magic numbers
/// (<see cref="FakeTwilioNumbers"/>) or <see cref="FailNextRequests"/> (also <c>POST /_fake/fail?count=1&amp;status=500</c>);
/// <c>GET /_fake/messages</c> lists what was sent.
/// </summary>
public sealed partial class FakeTwilioServer : IAsyncDisposable
{
    /// <summary>The API version in paths and callbacks.</summary>
    public const string ApiVersion = "2010-04-01";

    private readonly FakeTwilioOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<FakeTwilioMessage> _messages = [];
    private readonly List<FakeTwilioRequest> _requests = [];
    private readonly List<FakeTwilioCallback> _callbacks = [];
    private readonly List<(int Status, string? To)> _failures = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _callbackClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private WebApplication? _app;

    private FakeTwilioServer(FakeTwilioOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger<FakeTwilioServer>() ?? NullLogger<FakeTwilioServer>.Instance;
    }

    /// <summary>Where the server listens, such as <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The account SID requests must use.</summary>
    public string AccountSid => _options.AccountSid;

    /// <summary>The auth token requests authenticate with and callbacks are signed with.</summary>
    public string AuthToken => _options.AuthToken;

    /// <summary>Every text accepted, in order.</summary>
    public IReadOnlyList<FakeTwilioMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every request to the Messages API, in order.</summary>
    public IReadOnlyList<FakeTwilioRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every status callback sent, in order.</summary>
    public IReadOnlyList<FakeTwilioCallback> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    /// <summary>Starts a server; dispose it to stop it.</summary>
    public static async Task<FakeTwilioServer> StartAsync(FakeTwilioOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeTwilioServer(options ?? new FakeTwilioOptions());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeTwilioServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, server._options.Port));
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync(cancellationToken);
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        server.LogStarted(server.BaseUrl);
        return server;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests to the Messages API (to <paramref name="to"/> only, when given) fail with
    /// <paramref name="statusCode"/> and Twilio's error JSON.
    /// </summary>
    public void FailNextRequests(int count, int statusCode = 500, string? to = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Add((statusCode, to));
            }
        }
    }

    /// <summary>
    /// Twilio's request signature: the Base64 HMAC-SHA1, keyed with the auth token, of the full URL followed by every
    /// form field's name and value, sorted by name (ordinal).
    /// </summary>
    public static string Signature(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>
    /// Delivers an incoming text to <paramref name="url"/> as Twilio does (the form of an inbound SMS webhook, signed),
    /// and answers the status code and body it got.
    /// </summary>
    public async Task<(int Status, string Body)> SendIncomingAsync(string url, string from, string to, string body, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = NewSid("SM"),
            ["SmsSid"] = NewSid("SM"),
            ["AccountSid"] = _options.AccountSid,
            ["From"] = from,
            ["To"] = to,
            ["Body"] = body,
            ["NumMedia"] = "0",
            ["NumSegments"] = "1",
            ["SmsStatus"] = "received",
            ["ApiVersion"] = ApiVersion,
        };
        form["SmsMessageSid"] = form["MessageSid"];
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Signature(_options.AuthToken, url, form));
        using var response = await Client().SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Waits until <paramref name="count"/> status callbacks of a message got an answer.</summary>
    public async Task<IReadOnlyList<FakeTwilioCallback>> WaitForCallbacksAsync(string messageSid, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var answered = Callbacks.Where(c => c.MessageSid == messageSid && c.StatusCode is not null).ToList();
            if (answered.Count >= count)
            {
                return answered;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Message {messageSid} had {answered.Count} answered status callback(s), not {count}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops listening and sending callbacks.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException)
        {
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _callbackClient.Dispose();
    }

    private HttpClient Client() => _options.CallbackClient?.Invoke() ?? _callbackClient;

    private static string NewSid(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static string Rfc2822(DateTimeOffset time) => time.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (path.StartsWith("/_fake", StringComparison.Ordinal))
        {
            await ControlAsync(context, path);
            return;
        }

        var (status, json) = Answer(request, path, form);
        lock (_gate)
        {
            _requests.Add(new FakeTwilioRequest(request.Method, path, form, status));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    private (int Status, JsonObject Json) Answer(HttpRequest request, string path, Dictionary<string, string> form)
    {
        int? failure = null;
        lock (_gate)
        {
            var next = _failures.FindIndex(f => f.To is null || f.To == form.GetValueOrDefault("To"));
            if (next >= 0)
            {
                failure = _failures[next].Status;
                _failures.RemoveAt(next);
            }
        }

        if (failure is { } scripted)
        {
            return Error(scripted, scripted == 429 ? 20429 : 20500, scripted == 429 ? "Too Many Requests" : "An internal server error has occurred (a failure scripted on the fake).");
        }

        if (!Authenticated(request))
        {
            return Error(401, 20003, "Authenticate");
        }

        var prefix = $"/{ApiVersion}/Accounts/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith("/Messages.json", StringComparison.Ordinal))
        {
            return Error(404, 20404, $"The requested resource {path} was not found");
        }

        var sid = path[prefix.Length..^"/Messages.json".Length];
        if (sid != _options.AccountSid)
        {
            return Error(404, 20404, $"The requested resource {path} was not found");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return Error(405, 20004, "Method not allowed");
        }

        var to = form.GetValueOrDefault("To");
        var from = form.GetValueOrDefault("From");
        var body = form.GetValueOrDefault("Body");
        if (string.IsNullOrEmpty(to))
        {
            return Error(400, 21604, "A 'To' phone number is required.");
        }

        if (string.IsNullOrEmpty(from) && !form.ContainsKey("MessagingServiceSid"))
        {
            return Error(400, 21603, "A 'From' phone number is required.");
        }

        if (string.IsNullOrEmpty(body))
        {
            return Error(400, 21602, "Message body is required.");
        }

        switch (to)
        {
            case FakeTwilioNumbers.Invalid:
                return Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
            case FakeTwilioNumbers.NotMobile:
                return Error(400, 21614, $"'To' number {to} is not a valid mobile number");
            case FakeTwilioNumbers.Unsubscribed:
                return Error(400, 21610, "Attempt to send to unsubscribed recipient");
        }

        var now = DateTimeOffset.UtcNow;
        var message = new FakeTwilioMessage(NewSid("SM"), sid, from ?? "", to, body, form.GetValueOrDefault("StatusCallback"), now);
        lock (_gate)
        {
            _messages.Add(message);
        }

        WriteFile(message);
        if (message.StatusCallback is { Length: > 0 } callback)
        {
            Track(SendCallbacksAsync(message, callback));
        }

        return (201, MessageJson(message, "queued", now));
    }

    private JsonObject MessageJson(FakeTwilioMessage message, string status, DateTimeOffset now)
    {
        var segments = Segments(message.Body);
        return new JsonObject
        {
            ["account_sid"] = message.AccountSid,
            ["api_version"] = ApiVersion,
            ["body"] = message.Body,
            ["date_created"] = Rfc2822(message.CreatedAt),
            ["date_sent"] = null,
            ["date_updated"] = Rfc2822(now),
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = message.From,
            ["messaging_service_sid"] = null,
            ["num_media"] = "0",
            ["num_segments"] = segments.ToString(CultureInfo.InvariantCulture),
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = message.Sid,
            ["status"] = status,
            ["subresource_uris"] = new JsonObject { ["media"] = $"/{ApiVersion}/Accounts/{message.AccountSid}/Messages/{message.Sid}/Media.json" },
            ["to"] = message.To,
            ["uri"] = $"/{ApiVersion}/Accounts/{message.AccountSid}/Messages/{message.Sid}.json",
        };
    }

    // 160 characters in one segment, 153 per segment beyond, when all are GSM-7; 70 and 67 otherwise (UTF-16 units).
    private static int Segments(string body)
    {
        var gsm = body.All(c => c < 128);
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        return body.Length <= single ? 1 : (body.Length + multi - 1) / multi;
    }

    private static (int, JsonObject) Error(int status, int code, string message) => (status, new JsonObject
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    });

    private bool Authenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        return decoded == _options.AccountSid + ":" + _options.AuthToken;
    }

    private async Task SendCallbacksAsync(FakeTwilioMessage message, string url)
    {
        var final = message.To == FakeTwilioNumbers.Undeliverable ? "undelivered" : "delivered";
        foreach (var status in new[] { "queued", "sent", final })
        {
            await Task.Delay(_options.CallbackDelay, _stop.Token);
            var form = new Dictionary<string, string>
            {
                ["AccountSid"] = message.AccountSid,
                ["ApiVersion"] = ApiVersion,
                ["From"] = message.From,
                ["MessageSid"] = message.Sid,
                ["MessageStatus"] = status,
                ["SmsSid"] = message.Sid,
                ["SmsStatus"] = status,
                ["To"] = message.To,
            };
            if (status == "undelivered")
            {
                form["ErrorCode"] = "30003";
            }

            int? answered = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Add("X-Twilio-Signature", Signature(_options.AuthToken, url, form));
                using var response = await Client().SendAsync(request, _stop.Token);
                answered = (int)response.StatusCode;
            }
            catch (HttpRequestException ex)
            {
                LogCallbackFailed(message.Sid, status, ex.Message);
            }

            lock (_gate)
            {
                _callbacks.Add(new FakeTwilioCallback(message.Sid, status, url, answered));
            }
        }
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private void WriteFile(FakeTwilioMessage message)
    {
        if (_options.MessageDirectory is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var name = $"{message.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{message.To.TrimStart('+')}-{message.Sid}.txt";
        var text = $"From: {message.From}\nTo: {message.To}\nDate: {Rfc2822(message.CreatedAt)}\nSid: {message.Sid}\n\n{message.Body}\n";
        File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
    }

    private async Task ControlAsync(HttpContext context, string path)
    {
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        if (path == "/_fake/messages" && HttpMethods.IsGet(context.Request.Method))
        {
            await response.WriteAsync(JsonSerializer.Serialize(Messages, JsonSerializerOptions.Web), context.RequestAborted);
            return;
        }

        if (path == "/_fake/fail" && HttpMethods.IsPost(context.Request.Method))
        {
            var count = int.TryParse(context.Request.Query["count"], out var c) ? c : 1;
            var status = int.TryParse(context.Request.Query["status"], out var s) ? s : 500;
            FailNextRequests(count, status);
            await response.WriteAsync(new JsonObject { ["failNext"] = count, ["status"] = status }.ToJsonString(), context.RequestAborted);
            return;
        }

        response.StatusCode = 404;
        await response.WriteAsync("""{"endpoints":["GET /_fake/messages","POST /_fake/fail?count=1&status=500"]}""", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fake Twilio listening at {BaseUrl}")]
    private partial void LogStarted(string baseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fake Twilio: the {Status} callback of {Sid} got no answer: {Error}")]
    private partial void LogCallbackFailed(string sid, string status, string error);
}
