using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// Retries and timeouts around one Stripe call (Polly). Each attempt has its own timeout. Retried, with exponential
/// backoff and jitter: network failures, timeouts, 409 (another request with the same idempotency key is still running:
/// nothing was saved for this one), 429 and 5xx. Never retried: any other status (400, 401, 402, 403, 404), and any
/// answer carrying <c>Stripe-Should-Retry: false</c>; an answer with <c>Stripe-Should-Retry: true</c> is always retried.
/// Retrying a POST is safe because every POST carries an idempotency key, and each attempt sends the same one.
/// </summary>
internal sealed partial class StripeResilience
{
    /// <summary>Names the call ("POST /v1/payment_intents") in the retry log.</summary>
    public static readonly ResiliencePropertyKey<string> RequestName = new("stripe.request");

    private readonly ILogger<StripeResilience> _logger;

    public StripeResilience(IOptions<StripeOptions> options, ILogger<StripeResilience> logger)
    {
        _logger = logger;
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                OnRetry = args =>
                {
                    LogRetry(args.Context.Properties.GetValue(RequestName, "Stripe call"), args.AttemptNumber + 1,
                        args.Outcome.Result is { } response ? $"status {(int)response.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "unknown",
                        (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        Pipeline = builder.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds)).Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Whether a failed attempt is worth another try with the same idempotency key.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            // A cancellation by the caller is not retried; a timeout of one attempt is.
            return exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var values) && values.FirstOrDefault() is { } shouldRetry)
        {
            if (string.Equals(shouldRetry, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.Equals(shouldRetry, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogRetry(string request, int attempt, string reason, long delayMs);
}
