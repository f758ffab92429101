using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HeadlessPortal.FakeStripe.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeadlessPortal.FakeStripe;

/// <summary>
/// A small Stripe on 127.0.0.1 for tests and the demo: the v1 endpoints the portal uses (customers, PaymentIntents,
/// SetupIntents, PaymentMethods, events), with Stripe's JSON shapes and error objects, the secret-key check, per-account
/// objects (<c>Stripe-Account</c>), idempotent POSTs (<c>Idempotency-Key</c>), Stripe's test PaymentMethod ids
/// (<see cref="FakeStripeTestPaymentMethods"/>), and events delivered to a webhook endpoint signed as Stripe signs them.
/// Every request is recorded. Tests and people script it: failures, 3-D Secure outcomes, ACH settlement and re-sent events,
/// from C# or through the unauthenticated control endpoints under <c>/_fake</c> (<c>GET /_fake</c> lists them).
/// Requests are handled one at a time in arrival order, so outcomes do not depend on timing.
/// </summary>
public sealed partial class FakeStripeServer : IAsyncDisposable
{
    private const string ControlPrefix = "/_fake";

    private readonly FakeStripeOptions _options;
    private readonly FakeState _state;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<FakeStripeRequest> _requests = [];
    private readonly List<FakeStripeDelivery> _deliveries = [];
    private readonly Queue<ScriptedFailure> _failures = new();
    private readonly List<(string? Method, string? Path, TimeSpan Delay)> _holds = [];
    private readonly Channel<(FakeStripeEvent Event, int Attempt)> _outbox = Channel.CreateUnbounded<(FakeStripeEvent, int)>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private WebApplication? _app;
    private Task _delivering = Task.CompletedTask;

    private sealed record ScriptedFailure(int Status, bool Drop, bool? ShouldRetry);

    private FakeStripeServer(FakeStripeOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger<FakeStripeServer>() ?? NullLogger<FakeStripeServer>.Instance;
        _state = new FakeState(options, () => BaseUrl, OnEvent, OnBankProcessing);
    }

    /// <summary>Where the server listens, such as <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The secret key requests must carry.</summary>
    public string SecretKey => _options.SecretKey;

    /// <summary>The publishable key, for Stripe.js in a front end (<see cref="FakeStripeOptions.PublishableKey"/>).</summary>
    public string PublishableKey => _options.PublishableKey;

    /// <summary>
    /// The stand-in for Stripe.js v3 this server serves (<c>{BaseUrl}/v3/</c>, where pages load <c>https://js.stripe.com/v3/</c>
    /// in production): the calls of a Payment Element integration, against this fake with the publishable key.
    /// </summary>
    public string StripeJsUrl => BaseUrl + "/v3/";

    /// <summary>The webhook signing secret events are signed with.</summary>
    public string WebhookSecret => _options.WebhookSecret;

    /// <summary>Every request to the Stripe API (not the control endpoints), in arrival order.</summary>
    public IReadOnlyList<FakeStripeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every event, oldest first.</summary>
    public IReadOnlyList<FakeStripeEvent> Events => _state.Events;

    /// <summary>Every delivery attempt, in order.</summary>
    public IReadOnlyList<FakeStripeDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Starts a server; dispose it to stop it.</summary>
    public static async Task<FakeStripeServer> StartAsync(FakeStripeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeStripeServer(options ?? new FakeStripeOptions());
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>The ids of the PaymentIntents created, oldest first; of one account, or of all.</summary>
    public IReadOnlyList<string> PaymentIntentIds(string? account = null) => _state.PaymentIntentIds(account);

    /// <summary>The next <paramref name="count"/> API requests fail with <paramref name="statusCode"/> (and <c>Stripe-Should-Retry</c> when given).</summary>
    public void FailNextRequests(int count, int statusCode = 500, bool? shouldRetry = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        Script(count, new ScriptedFailure(statusCode, false, shouldRetry));
    }

    /// <summary>
    /// The next <paramref name="count"/> API requests take effect at once but are answered only after <paramref name="delay"/>:
    /// the window in which a caller can die after Stripe acted and before it heard back.
    /// </summary>
    public void HoldNextAnswers(int count, TimeSpan delay) => Hold(count, delay, null, null);

    /// <summary>
    /// As <see cref="HoldNextAnswers(int, TimeSpan)"/>, for the next <paramref name="count"/> requests of
    /// <paramref name="method"/> to <paramref name="path"/> only (such as POST /v1/payment_intents): other requests are answered at once.
    /// </summary>
    public void HoldNextAnswers(int count, TimeSpan delay, string method, string path) => Hold(count, delay, method, path);

    /// <summary>The next <paramref name="count"/> API requests get no answer: the connection is dropped.</summary>
    public void DropNextConnections(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Script(count, new ScriptedFailure(0, true, null));
    }

    /// <summary>The customer passed 3-D Secure: a <c>requires_action</c> PaymentIntent succeeds (<c>payment_intent.succeeded</c>).</summary>
    public JsonObject CompleteAuthentication(string paymentIntentId) => _state.CompleteAuthentication(paymentIntentId, succeed: true);

    /// <summary>The customer failed 3-D Secure: the PaymentIntent returns to <c>requires_payment_method</c> (<c>payment_intent.payment_failed</c>).</summary>
    public JsonObject FailAuthentication(string paymentIntentId) => _state.CompleteAuthentication(paymentIntentId, succeed: false);

    /// <summary>
    /// Settles a <c>processing</c> ACH PaymentIntent: succeeded or failed as given, or as its test method says
    /// (<see cref="FakeStripeTestPaymentMethods.UsBankAccountInsufficientFunds"/> fails, other bank accounts succeed).
    /// </summary>
    public JsonObject SettleBankPayment(string paymentIntentId, bool? succeed = null) => _state.SettleBankPayment(paymentIntentId, succeed);

    /// <summary>Delivers an event again, as Stripe may (handlers must take duplicates).</summary>
    public void ResendEvent(string eventId)
    {
        if (_options.WebhookTarget is null)
        {
            throw new InvalidOperationException("The fake has no webhook target to send events to.");
        }

        _outbox.Writer.TryWrite((_state.Event(eventId), 1));
    }

    /// <summary>The <c>Stripe-Signature</c> header Stripe would send with <paramref name="body"/> at <paramref name="timestamp"/> (now if not given).</summary>
    public string SignatureHeader(ReadOnlySpan<byte> body, DateTimeOffset? timestamp = null) =>
        SignatureHeader(_options.WebhookSecret, (timestamp ?? _options.TimeProvider.GetUtcNow()).ToUnixTimeSeconds(), body);

    /// <summary>
    /// <c>t=&lt;timestamp&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;timestamp&gt;." + body, keyed with the secret's UTF-8 bytes&gt;</c>.
    /// </summary>
    public static string SignatureHeader(string webhookSecret, long timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var signed = new byte[t.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(t + ".", signed);
        body.CopyTo(signed.AsSpan(t.Length + 1));
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), signed))}";
    }

    /// <summary>Waits for the first delivery attempt of an event that got an answer (any status).</summary>
    public async Task<FakeStripeDelivery> WaitForDeliveryAsync(string eventId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Deliveries.FirstOrDefault(d => d.EventId == eventId && d.StatusCode is not null) is { } delivery)
            {
                return delivery;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Event {eventId} was not delivered; attempts: {string.Join("; ", Deliveries.Where(d => d.EventId == eventId).Select(d => d.Error))}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops listening and delivering.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _outbox.Writer.TryComplete();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            await _delivering;
        }
        catch (OperationCanceledException)
        {
        }

        // _stop is left undisposed: a settlement or delivery retry scheduled at this moment may still read its token.
        _webhookClient.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeStripeServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _options.Port));
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
        _delivering = Task.Run(DeliverAsync);
        LogStarted(BaseUrl);
    }

    private void Hold(int count, TimeSpan delay, string? method, string? path)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _holds.Add((method, path, delay));
            }
        }
    }

    private void Script(int count, ScriptedFailure failure)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";

        // Stripe.js calls Stripe from the shop's pages: any origin may, without credentials.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.Headers.AccessControlAllowMethods = "GET, POST";
            context.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type, Stripe-Account, Idempotency-Key";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (path is "/v3" or "/v3/" && HttpMethods.IsGet(request.Method))
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await using var script = typeof(FakeStripeServer).Assembly.GetManifestResourceStream("HeadlessPortal.FakeStripe.StripeJs.stripe-v3.js")!;
            await script.CopyToAsync(context.Response.Body);
            return;
        }

        if (path == ControlPrefix || path.StartsWith(ControlPrefix + "/", StringComparison.Ordinal))
        {
            await ControlAsync(context, path[ControlPrefix.Length..]);
            return;
        }

        var fields = await FieldsAsync(request);

        // Stripe.js sends its key and the connected account as form fields, not headers.
        var formKey = fields.LastOrDefault(f => f.Key == "key").Value;
        var formAccount = fields.LastOrDefault(f => f.Key == "_stripe_account").Value;
        var form = fields.Where(f => f.Key is not ("key" or "_stripe_account")).ToList();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new FakeStripeRequest(request.Method, path, request.QueryString.Value ?? "", headers, HttpMethods.IsGet(request.Method) ? [] : form);
        ScriptedFailure? failure;
        var hold = TimeSpan.Zero;
        lock (_gate)
        {
            _requests.Add(recorded);
            _failures.TryDequeue(out failure);
            var next = _holds.FindIndex(h => (h.Method is null || h.Method == request.Method) && (h.Path is null || h.Path == path));
            if (next >= 0)
            {
                hold = _holds[next].Delay;
                _holds.RemoveAt(next);
            }
        }

        if (failure is { Drop: true })
        {
            context.Abort();
            return;
        }

        var requestId = FakeState.NewId("req");
        var idempotencyKey = headers.GetValueOrDefault("Idempotency-Key");
        FakeResponse response;
        if (failure is not null)
        {
            response = _state.ErrorResponse(failure.Status switch
            {
                429 => new FakeError(429, "invalid_request_error", "Request rate limit exceeded. (A failure scripted on the fake.)", "rate_limit") { ShouldRetry = failure.ShouldRetry },
                409 => new FakeError(409, "idempotency_error", "There is currently another in-progress request using this Idempotency Key. (A failure scripted on the fake.)", "idempotency_key_in_use") { ShouldRetry = failure.ShouldRetry },
                _ => new FakeError(failure.Status, "api_error", "Something went wrong on Stripe's end. (A failure scripted on the fake.)") { ShouldRetry = failure.ShouldRetry },
            });
        }
        else if (!Authorized(request, formKey, out var given, out var publishable))
        {
            response = _state.ErrorResponse(new FakeError(401, "invalid_request_error", given is null
                ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
                : $"Invalid API Key provided: {Masked(given)}"));
        }
        else
        {
            var account = headers.GetValueOrDefault("Stripe-Account") ?? formAccount ?? "";
            var parameters = new FakeParams(form);
            response = (publishable ? _state.RefusedForPublishableKey(request.Method, path, account, parameters) : null)
                ?? _state.Handle(request.Method, path, account, parameters, idempotencyKey, requestId);
        }

        if (hold > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(hold, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller went away while the answer was held: the request took effect all the same.
            }
        }

        recorded.StatusCode = response.Status;
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = requestId;
        if (headers.GetValueOrDefault("Stripe-Version") is { } version)
        {
            context.Response.Headers["Stripe-Version"] = version;
        }

        if (HttpMethods.IsPost(request.Method) && idempotencyKey is not null)
        {
            context.Response.Headers["Idempotency-Key"] = idempotencyKey;
        }

        if (response.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        if (response.ShouldRetry is { } shouldRetry)
        {
            context.Response.Headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false";
        }

        await context.Response.WriteAsync(response.Body);
    }

    private bool Authorized(HttpRequest request, string? formKey, out string? given, out bool publishable)
    {
        given = formKey is { Length: > 0 } ? formKey : null;
        publishable = false;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization["Bearer ".Length..].Trim();
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                given = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim())).Split(':')[0];
            }
            catch (FormatException)
            {
                given = "";
            }
        }

        publishable = given is not null && given == _options.PublishableKey;
        return publishable || (given is not null && given == _options.SecretKey);
    }

    private static string Masked(string key) => key.Length <= 12 ? "********" : key[..8] + new string('*', 12) + key[^4..];

    /// <summary>The form fields of a POST, or the query of a GET, in order, one pair per value.</summary>
    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> FieldsAsync(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source = request.HasFormContentType
            ? await request.ReadFormAsync()
            : request.Query;
        return source.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
    }

    private void OnEvent(FakeStripeEvent evt)
    {
        if (_options.WebhookTarget is not null && _options.DeliverEventsAutomatically)
        {
            _outbox.Writer.TryWrite((evt, 1));
        }
    }

    private void OnBankProcessing(string paymentIntentId)
    {
        if (_options.AchSettlement == FakeAchSettlement.Automatic)
        {
            _ = SettleLaterAsync(paymentIntentId);
        }
    }

    private async Task SettleLaterAsync(string paymentIntentId)
    {
        try
        {
            await Task.Delay(_options.AchSettlementDelay, _options.TimeProvider, _stop.Token);
            _state.SettleBankPayment(paymentIntentId, succeed: null);
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException ex)
        {
            // Settled or canceled by hand in the meantime.
            LogSettlementSkipped(paymentIntentId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fake Stripe listening on {BaseUrl}")]
    private partial void LogStarted(string baseUrl);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fake Stripe: automatic settlement of {PaymentIntentId} skipped: {Reason}")]
    private partial void LogSettlementSkipped(string paymentIntentId, string reason);
}
