using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using HeadlessPortal.Application.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// <see cref="IPaymentGateway"/> over Stripe's REST API (v1, form-encoded requests, JSON answers). Every request carries
/// the secret key as a bearer token, the connected account (<c>Stripe-Account</c>) and the pinned API version
/// (<c>Stripe-Version</c>); every POST carries the caller's <c>Idempotency-Key</c>, so the retries of
/// <see cref="StripeResilience"/> cannot act twice. Stripe's errors become <see cref="PaymentGatewayException"/>s whose
/// messages are safe to show: a decline keeps Stripe's customer-facing message, anything else gets a message of ours, since
/// Stripe's own can quote (part of) the API key. Stripe's messages are logged with keys redacted.
/// </summary>
internal sealed partial class StripeClient(
    HttpClient http, IOptions<StripeOptions> options, StripeResilience resilience, ILogger<StripeClient> logger) : IPaymentGateway
{
    private const int MaxIdempotencyKeyLength = 255;
    private const int ListPageSize = 100;

    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    private readonly StripeOptions _options = options.Value;

    public async Task<GatewayCustomer> CreateCustomerAsync(string accountId, CreateGatewayCustomer request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm().Add("name", request.Name).Add("email", request.Email).AddHash("metadata", request.Metadata);
        var customer = await SendAsync<CustomerJson>(Post, "v1/customers", accountId, form, idempotencyKey, cancellationToken);
        return new GatewayCustomer(customer.Id ?? throw new JsonException("Stripe's answer lacks customer.id."));
    }

    public async Task<GatewayPaymentIntent> CreatePaymentIntentAsync(
        string accountId, CreateGatewayPaymentIntent request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm()
            .Add("amount", request.Amount)
            .Add("currency", request.Currency.ToLowerInvariant())
            .AddList("payment_method_types", [request.PaymentMethodType])
            .Add("payment_method", request.PaymentMethodId)
            .Add("customer", request.CustomerId)
            .Add("description", request.Description)
            .AddHash("metadata", request.Metadata)
            .Add("confirm", true)
            .Add("return_url", request.ReturnUrl);
        if (request.Mandate is { } mandate)
        {
            form.Add("mandate_data[customer_acceptance][type]", "online")
                .Add("mandate_data[customer_acceptance][accepted_at]", mandate.AcceptedAt.ToUnixTimeSeconds())
                .Add("mandate_data[customer_acceptance][online][ip_address]", mandate.IpAddress)
                .Add("mandate_data[customer_acceptance][online][user_agent]", mandate.UserAgent);
        }

        return (await SendAsync<PaymentIntentJson>(Post, "v1/payment_intents", accountId, form, idempotencyKey, cancellationToken)).ToGateway();
    }

    public async Task<GatewayPaymentIntent> GetPaymentIntentAsync(string accountId, string paymentIntentId, CancellationToken cancellationToken) =>
        (await SendAsync<PaymentIntentJson>(Get, $"v1/payment_intents/{Id(paymentIntentId)}", accountId, null, null, cancellationToken)).ToGateway();

    public async Task<GatewayPaymentIntent> CancelPaymentIntentAsync(string accountId, string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
        (await SendAsync<PaymentIntentJson>(
            Post, $"v1/payment_intents/{Id(paymentIntentId)}/cancel", accountId, new StripeForm().Add("cancellation_reason", "abandoned"), idempotencyKey, cancellationToken)).ToGateway();

    public async Task<GatewaySetupIntent> CreateSetupIntentAsync(
        string accountId, CreateGatewaySetupIntent request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm()
            .Add("customer", request.CustomerId)
            .AddList("payment_method_types", request.PaymentMethodTypes)
            .AddHash("metadata", request.Metadata);
        return (await SendAsync<SetupIntentJson>(Post, "v1/setup_intents", accountId, form, idempotencyKey, cancellationToken)).ToGateway();
    }

    public async Task<GatewaySetupIntent> GetSetupIntentAsync(string accountId, string setupIntentId, CancellationToken cancellationToken) =>
        (await SendAsync<SetupIntentJson>(Get, $"v1/setup_intents/{Id(setupIntentId)}", accountId, null, null, cancellationToken)).ToGateway();

    public async Task<GatewayPaymentMethod> GetPaymentMethodAsync(string accountId, string paymentMethodId, CancellationToken cancellationToken) =>
        (await SendAsync<PaymentMethodJson>(Get, $"v1/payment_methods/{Id(paymentMethodId)}", accountId, null, null, cancellationToken)).ToGateway();

    public async Task<GatewayPaymentMethod> AttachPaymentMethodAsync(
        string accountId, string paymentMethodId, string customerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm().Add("customer", customerId);
        return (await SendAsync<PaymentMethodJson>(Post, $"v1/payment_methods/{Id(paymentMethodId)}/attach", accountId, form, idempotencyKey, cancellationToken)).ToGateway();
    }

    public async Task<GatewayPaymentMethod> DetachPaymentMethodAsync(string accountId, string paymentMethodId, string idempotencyKey, CancellationToken cancellationToken) =>
        (await SendAsync<PaymentMethodJson>(Post, $"v1/payment_methods/{Id(paymentMethodId)}/detach", accountId, new StripeForm(), idempotencyKey, cancellationToken)).ToGateway();

    public async Task<IReadOnlyList<GatewayPaymentMethod>> ListPaymentMethodsAsync(string accountId, string customerId, string type, CancellationToken cancellationToken)
    {
        var methods = new List<GatewayPaymentMethod>();
        string? after = null;
        do
        {
            var path = $"v1/customers/{Id(customerId)}/payment_methods?type={Uri.EscapeDataString(type)}&limit={ListPageSize}" +
                (after is null ? "" : $"&starting_after={Uri.EscapeDataString(after)}");
            var page = await SendAsync<ListJson<PaymentMethodJson>>(Get, path, accountId, null, null, cancellationToken);
            methods.AddRange(page.Data.Select(pm => pm.ToGateway()));
            after = page.HasMore && page.Data.Count > 0 ? page.Data[^1].Id : null;
        }
        while (after is not null);

        return methods;
    }

    public async Task<GatewayEvent> GetEventAsync(string accountId, string eventId, CancellationToken cancellationToken) =>
        (await SendAsync<EventJson>(Get, $"v1/events/{Id(eventId)}", accountId, null, null, cancellationToken)).ToGateway();

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, string accountId, StripeForm? form, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
        {
            throw new PaymentGatewayException(PaymentGatewayErrorKind.Authentication, "Online payments are not configured: no payment provider key is set.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (method == Post)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, MaxIdempotencyKeyLength, nameof(idempotencyKey));
        }

        var name = $"Stripe {method} /{path.Split('?')[0]}";
        var uri = new Uri(_options.BaseUrl.TrimEnd('/') + "/" + path);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StripeResilience.RequestName, name);
        HttpResponseMessage response;
        try
        {
            response = await resilience.Pipeline.ExecuteAsync(
                async (ctx, state) => await state.http.SendAsync(state.self.Request(state.method, state.uri, state.accountId, state.form, state.idempotencyKey), ctx.CancellationToken),
                context,
                (self: this, http, method, uri, accountId, form, idempotencyKey));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            LogUnreachable(ex, name);
            throw new PaymentGatewayException(PaymentGatewayErrorKind.Unavailable, "The payment provider could not be reached; try again later.", inner: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(name, response, body);
            }

            try
            {
                return StripeJson.Parse<T>(body);
            }
            catch (JsonException ex)
            {
                LogUnreadable(ex, name, RequestId(response));
                throw new PaymentGatewayException(PaymentGatewayErrorKind.Unavailable, "The payment provider's answer could not be read.", inner: ex);
            }
        }
    }

    /// <summary>A new message per attempt: a sent request message cannot be sent again.</summary>
    private HttpRequestMessage Request(HttpMethod method, Uri uri, string accountId, StripeForm? form, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, uri) { Content = form?.ToContent() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.SecretKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("Stripe-Account", accountId);
        request.Headers.Add("Stripe-Version", _options.ApiVersion);
        if (method == Post)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private PaymentGatewayException Failure(string name, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        ErrorJson? error = null;
        try
        {
            error = JsonSerializer.Deserialize<ErrorEnvelopeJson>(body, StripeJson.Options)?.Error;
        }
        catch (JsonException)
        {
            // Not Stripe's error shape (a proxy's page, say): the status alone decides.
        }

        LogFailure(name, status, error?.Type, error?.Code, error?.DeclineCode, RequestId(response), Redact(error?.Message));

        if (error is { Type: "card_error" })
        {
            // Card errors' messages are written for the customer.
            return new PaymentGatewayException(
                PaymentGatewayErrorKind.Declined, Redact(error.Message) ?? "The payment was declined.", error.Code, error.DeclineCode, error.PaymentIntent?.ToGateway());
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PaymentGatewayException(
                PaymentGatewayErrorKind.Authentication, "The payment provider did not accept our credentials for this account.", error?.Code),
            HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests => Unavailable(error),
            _ when status >= 500 => Unavailable(error),
            _ => new PaymentGatewayException(PaymentGatewayErrorKind.InvalidRequest, RefusedMessage(error), error?.Code),
        };
    }

    private static PaymentGatewayException Unavailable(ErrorJson? error) =>
        new(PaymentGatewayErrorKind.Unavailable, "The payment provider is not available at the moment; try again later.", error?.Code);

    /// <summary>Our own words, with Stripe's identifiers (never its free text) to tell one refusal from another.</summary>
    private static string RefusedMessage(ErrorJson? error)
    {
        var detail = string.Join(", ", new[] { error?.Type, error?.Code, error?.Param is { } param ? $"param {param}" : null }.Where(s => !string.IsNullOrEmpty(s)));
        return detail.Length == 0 ? "The payment provider refused the request." : $"The payment provider refused the request ({detail}).";
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Request-Id", out var values) ? values.FirstOrDefault() : null;

    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    /// <summary>Hides API keys and webhook secrets (Stripe quotes part of a key in some messages).</summary>
    internal static string? Redact(string? text) => text is null ? null : SecretPattern().Replace(text, m => m.Groups["prefix"].Value + "[redacted]");

    [GeneratedRegex(@"(?<prefix>(?:sk|rk|pk)_(?:test|live)_|whsec_)[A-Za-z0-9*]+")]
    private static partial Regex SecretPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} answered {Status} (type {ErrorType}, code {Code}, decline code {DeclineCode}, request id {RequestId}): {StripeMessage}")]
    private partial void LogFailure(string request, int status, string? errorType, string? code, string? declineCode, string? requestId, string? stripeMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed: Stripe could not be reached, or every attempt timed out")]
    private partial void LogUnreachable(Exception exception, string request);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request}: the answer could not be read (request id {RequestId})")]
    private partial void LogUnreadable(Exception exception, string request, string? requestId);
}
