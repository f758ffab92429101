using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.FakeStripe;
using HeadlessPortal.Infrastructure.Payments.Stripe;
using HeadlessPortal.Infrastructure.Tests.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Tests.Payments;

/// <summary>
/// The Stripe adapter as the application gets it (the real registration: typed HttpClient, Stripe.net, options) pointed
/// at a fake Stripe over real HTTP on the loopback interface. Stripe.net's retries wait half a second and more.
/// </summary>
internal sealed class StripeHarness : IAsyncDisposable
{
    public const string Account = "acct_1TestPlumbingCo";

    private readonly ServiceProvider _services;

    private StripeHarness(FakeStripeServer fake, ServiceProvider services, CapturedLogs logs, TestClock clock)
    {
        Fake = fake;
        _services = services;
        Logs = logs;
        Clock = clock;
    }

    public FakeStripeServer Fake { get; }

    public CapturedLogs Logs { get; }

    public TestClock Clock { get; }

    public IPaymentGateway Gateway => _services.GetRequiredService<IPaymentGateway>();

    public IPaymentWebhookReader WebhookReader => _services.GetRequiredService<IPaymentWebhookReader>();

    public static async Task<StripeHarness> StartAsync(Action<FakeStripeOptions>? fake = null, IDictionary<string, string?>? settings = null)
    {
        var options = new FakeStripeOptions { DeliveryRetryDelay = TimeSpan.FromMilliseconds(50) };
        fake?.Invoke(options);
        var server = await FakeStripeServer.StartAsync(options);
        var all = new Dictionary<string, string?>
        {
            ["Stripe:SecretKey"] = server.SecretKey,
            ["Stripe:BaseUrl"] = server.BaseUrl,
            ["Stripe:WebhookSecret"] = server.WebhookSecret,
            ["Stripe:TimeoutSeconds"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var logs = new CapturedLogs();
        var clock = new TestClock();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<IClock>(clock)
            .AddStripePayments(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        return new StripeHarness(server, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), logs, clock);
    }

    public static Dictionary<string, string> Metadata(string paymentId = "0199a1b2-0000-7000-8000-000000000001") =>
        new() { ["payment_id"] = paymentId, ["tenant_id"] = "0199a1b2-0000-7000-8000-0000000000aa" };

    public static CreateGatewayPaymentIntent Card(string paymentMethod, long amount = 12_500, string? customer = null, string? returnUrl = null) =>
        new(amount, "usd", paymentMethod, "card", customer, "Invoice 1042", Metadata(), null, returnUrl);

    public static CreateGatewayPaymentIntent Bank(string paymentMethod, long amount = 48_000) =>
        new(amount, "usd", paymentMethod, "us_bank_account", null, "Invoice 1043", Metadata(),
            new GatewayMandateAcceptance(new DateTimeOffset(2026, 11, 20, 15, 4, 5, TimeSpan.Zero), "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)"), null);

    public static string Key() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>What Stripe.js does in the customer's browser: confirms a SetupIntent with the method they entered.</summary>
    public async Task<JsonObject> ConfirmSetupIntentInBrowserAsync(string setupIntentId, string paymentMethod)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Fake.BaseUrl}/v1/setup_intents/{setupIntentId}/confirm")
        {
            Content = new FormUrlEncodedContent([new("payment_method", paymentMethod)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Fake.SecretKey);
        request.Headers.Add("Stripe-Account", Account);
        request.Headers.Add("Idempotency-Key", Key());
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>Every log line written, formatted, to check what reaches the logs.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
