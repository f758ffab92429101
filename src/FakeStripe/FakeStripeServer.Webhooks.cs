using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.FakeStripe;

public sealed partial class FakeStripeServer
{
    /// <summary>
    /// Delivers events one at a time, in the order they were created. A failed attempt (no target yet, no answer, or a
    /// status other than 2xx) is logged and tried again later, up to <see cref="FakeStripeOptions.MaxDeliveryAttempts"/>,
    /// without holding up the events behind it.
    /// </summary>
    private async Task DeliverAsync()
    {
        await foreach (var (evt, attempt) in _outbox.Reader.ReadAllAsync(_stop.Token))
        {
            var delivery = await DeliverOnceAsync(evt, attempt);
            lock (_gate)
            {
                _deliveries.Add(delivery);
            }

            if (delivery.Succeeded)
            {
                continue;
            }

            if (attempt < _options.MaxDeliveryAttempts)
            {
                var delay = _options.DeliveryRetryDelay * Math.Pow(2, attempt - 1);
                LogDeliveryFailed(evt.Id, evt.Type, attempt, delivery.StatusCode?.ToString() ?? delivery.Error ?? "", (long)delay.TotalMilliseconds);
                _ = RetryLaterAsync(evt, attempt + 1, delay);
            }
            else
            {
                LogDeliveryAbandoned(evt.Id, evt.Type, attempt, delivery.StatusCode?.ToString() ?? delivery.Error ?? "");
            }
        }
    }

    private async Task RetryLaterAsync(FakeStripeEvent evt, int attempt, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _options.TimeProvider, _stop.Token);
            _outbox.Writer.TryWrite((evt, attempt));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<FakeStripeDelivery> DeliverOnceAsync(FakeStripeEvent evt, int attempt)
    {
        var target = _options.WebhookTarget!;
        HttpClient? client;
        string? url;
        if (target.Client is not null)
        {
            client = target.Client();
            url = target.Path;
        }
        else
        {
            client = _webhookClient;
            url = target.Url!();
        }

        if (client is null || string.IsNullOrEmpty(url))
        {
            return new FakeStripeDelivery(evt.Id, attempt, null, "the webhook target is not known yet", null);
        }

        var body = Encoding.UTF8.GetBytes(evt.Json);
        var signature = SignatureHeader(body);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("Stripe-Signature", signature);
            request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await client.SendAsync(request, timeout.Token);
            return new FakeStripeDelivery(evt.Id, attempt, (int)response.StatusCode, null, signature);
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            return new FakeStripeDelivery(evt.Id, attempt, null, $"{ex.GetType().Name}: {ex.Message}", signature);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fake Stripe: delivering {EventId} ({Type}) failed at attempt {Attempt} ({Outcome}); trying again in {DelayMs} ms")]
    private partial void LogDeliveryFailed(string eventId, string type, int attempt, string outcome, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fake Stripe: gave up delivering {EventId} ({Type}) after {Attempt} attempts ({Outcome}); POST /_fake/events/{EventId}/resend sends it again")]
    private partial void LogDeliveryAbandoned(string eventId, string type, int attempt, string outcome);
}
