using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HeadlessPortal.Application.Common.Observability;
using HeadlessPortal.Application.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// <see cref="IPaymentGateway"/> on Stripe.net. What stays ours: every call names the tenant's connected account
/// (<c>Stripe-Account</c>), every POST carries the caller's idempotency key (derived from our own ids, so a retry, a
/// recovery or a second process cannot act twice), and Stripe's errors become <see cref="PaymentGatewayException"/>s whose
/// messages are safe to show: a decline keeps Stripe's customer-facing message, anything else gets a message of ours,
/// since Stripe's own can quote (part of) the API key. Stripe's messages are logged with keys redacted. Retries are
/// Stripe.net's (<see cref="StripeOptions.MaxRetries"/>): each attempt of a POST sends the same idempotency key.
/// </summary>
internal sealed partial class StripePaymentGateway(HttpClient http, IOptions<StripeOptions> options, ILogger<StripePaymentGateway> logger) : IPaymentGateway
{
    private const int MaxIdempotencyKeyLength = 255;
    private const int ListPageSize = 100;

    private readonly IStripeClient? _client = Client(http, options.Value);

    public Task<GatewayCustomer> CreateCustomerAsync(string accountId, CreateGatewayCustomer request, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("POST /v1/customers", accountId, idempotencyKey, async (client, requestOptions) =>
        {
            var customer = await new CustomerService(client).CreateAsync(
                new CustomerCreateOptions { Name = request.Name, Email = request.Email, Metadata = Metadata(request.Metadata) }, requestOptions, cancellationToken);
            return new GatewayCustomer(StripeMapping.Required(customer.Id, "customer.id"));
        }, cancellationToken);

    public Task<GatewayPaymentIntent> CreatePaymentIntentAsync(
        string accountId, CreateGatewayPaymentIntent request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var create = new PaymentIntentCreateOptions
        {
            Amount = request.Amount,
            Currency = request.Currency.ToLowerInvariant(),
            AllowedPaymentMethodTypes = [request.PaymentMethodType],
            PaymentMethod = request.PaymentMethodId,
            Customer = request.CustomerId,
            Description = request.Description,
            Metadata = Metadata(request.Metadata),
            Confirm = true,
            ReturnUrl = request.ReturnUrl,
            MandateData = request.Mandate is { } mandate
                ? new PaymentIntentMandateDataOptions
                {
                    CustomerAcceptance = new PaymentIntentMandateDataCustomerAcceptanceOptions
                    {
                        Type = "online",
                        AcceptedAt = mandate.AcceptedAt.UtcDateTime,
                        Online = new PaymentIntentMandateDataCustomerAcceptanceOnlineOptions { IpAddress = mandate.IpAddress, UserAgent = mandate.UserAgent },
                    },
                }
                : null,
        };
        return PostAsync("POST /v1/payment_intents", accountId, idempotencyKey, async (client, requestOptions) =>
            (await new PaymentIntentService(client).CreateAsync(create, requestOptions, cancellationToken)).ToGateway(), cancellationToken);
    }

    public Task<GatewayPaymentIntent> GetPaymentIntentAsync(string accountId, string paymentIntentId, CancellationToken cancellationToken) =>
        GetAsync("GET /v1/payment_intents/{id}", accountId, paymentIntentId, async (client, requestOptions) =>
            (await new PaymentIntentService(client).GetAsync(paymentIntentId, null, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<GatewayPaymentIntent> CancelPaymentIntentAsync(string accountId, string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("POST /v1/payment_intents/{id}/cancel", accountId, idempotencyKey, async (client, requestOptions) =>
            (await new PaymentIntentService(client).CancelAsync(
                Id(paymentIntentId), new PaymentIntentCancelOptions { CancellationReason = "abandoned" }, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<GatewaySetupIntent> CreateSetupIntentAsync(
        string accountId, CreateGatewaySetupIntent request, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("POST /v1/setup_intents", accountId, idempotencyKey, async (client, requestOptions) =>
            (await new SetupIntentService(client).CreateAsync(
                new SetupIntentCreateOptions { Customer = request.CustomerId, AllowedPaymentMethodTypes = [.. request.PaymentMethodTypes], Metadata = Metadata(request.Metadata) },
                requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<GatewaySetupIntent> GetSetupIntentAsync(string accountId, string setupIntentId, CancellationToken cancellationToken) =>
        GetAsync("GET /v1/setup_intents/{id}", accountId, setupIntentId, async (client, requestOptions) =>
            (await new SetupIntentService(client).GetAsync(setupIntentId, null, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<GatewayPaymentMethod> GetPaymentMethodAsync(string accountId, string paymentMethodId, CancellationToken cancellationToken) =>
        GetAsync("GET /v1/payment_methods/{id}", accountId, paymentMethodId, async (client, requestOptions) =>
            (await new PaymentMethodService(client).GetAsync(paymentMethodId, null, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<GatewayPaymentMethod> AttachPaymentMethodAsync(
        string accountId, string paymentMethodId, string customerId, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("POST /v1/payment_methods/{id}/attach", accountId, idempotencyKey, async (client, requestOptions) =>
            (await new PaymentMethodService(client).AttachAsync(
                Id(paymentMethodId), new PaymentMethodAttachOptions { Customer = customerId }, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<GatewayPaymentMethod> DetachPaymentMethodAsync(string accountId, string paymentMethodId, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("POST /v1/payment_methods/{id}/detach", accountId, idempotencyKey, async (client, requestOptions) =>
            (await new PaymentMethodService(client).DetachAsync(Id(paymentMethodId), null, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    public Task<IReadOnlyList<GatewayPaymentMethod>> ListPaymentMethodsAsync(string accountId, string customerId, string type, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<GatewayPaymentMethod>>("GET /v1/customers/{id}/payment_methods", accountId, customerId, async (client, requestOptions) =>
        {
            // Every page: the SDK follows starting_after.
            var methods = new List<GatewayPaymentMethod>();
            var list = new CustomerPaymentMethodListOptions { Type = type, Limit = ListPageSize };
            await foreach (var method in new CustomerPaymentMethodService(client).ListAutoPagingAsync(customerId, list, requestOptions, cancellationToken))
            {
                methods.Add(method.ToGateway());
            }

            return methods;
        }, cancellationToken);

    public Task<GatewayEvent> GetEventAsync(string accountId, string eventId, CancellationToken cancellationToken) =>
        GetAsync("GET /v1/events/{id}", accountId, eventId, async (client, requestOptions) =>
            (await new EventService(client).GetAsync(eventId, null, requestOptions, cancellationToken)).ToGateway(), cancellationToken);

    /// <summary>Hides API keys and webhook secrets (Stripe quotes part of a key in some messages).</summary>
    internal static string? Redact(string? text) => text is null ? null : SecretPattern().Replace(text, m => m.Groups["prefix"].Value + "[redacted]");

    /// <summary>Null without a key: Stripe.net refuses to be built with an empty one, and nothing may be sent anyway.</summary>
    private static StripeClient? Client(HttpClient http, StripeOptions settings) => settings.IsConfigured
        ? new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.SecretKey,
            ApiBase = settings.BaseUrl.TrimEnd('/'),

            // Telemetry off: it would write an id file under the service account's home and report the host's OS to Stripe.
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: settings.MaxRetries, enableTelemetry: false),
        })
        : null;

    private Task<T> PostAsync<T>(string name, string accountId, string idempotencyKey, Func<IStripeClient, RequestOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, MaxIdempotencyKeyLength, nameof(idempotencyKey));
        return SendAsync(name, accountId, idempotencyKey, call, cancellationToken);
    }

    /// <summary>A read of one object (or of one customer's list): without an idempotency key, which Stripe.net would send on a GET too.</summary>
    private Task<T> GetAsync<T>(string name, string accountId, string id, Func<IStripeClient, RequestOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return SendAsync(name, accountId, null, call, cancellationToken);
    }

    private async Task<T> SendAsync<T>(
        string name, string accountId, string? idempotencyKey, Func<IStripeClient, RequestOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            throw new PaymentGatewayException(PaymentGatewayErrorKind.Authentication, "Online payments are not configured: no payment provider key is set.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);

        // One span per call, around Stripe.net's attempts (each attempt is an HTTP span beneath it).
        using var activity = Telemetry.Source.StartActivity($"stripe {name}", ActivityKind.Internal);
        activity?.SetTag("stripe.operation", name);
        activity?.SetTag("stripe.account", accountId);
        try
        {
            try
            {
                return await call(_client, new RequestOptions { StripeAccount = accountId, IdempotencyKey = idempotencyKey });
            }
            catch (StripeException ex)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.StripeError?.Type);
                activity?.SetTag("stripe.error_code", ex.StripeError?.Code);
                throw Failure(name, ex);
            }
        }
        catch (InvalidDataException ex)
        {
            activity.RecordFailure(ex);
            LogUnreadable(ex, name);
            throw new PaymentGatewayException(PaymentGatewayErrorKind.Unavailable, "The payment provider's answer could not be read.", inner: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Stripe.net passes these on as they are, after its retries; a timeout is a cancellation nobody asked for.
            activity.RecordFailure(ex);
            LogUnreachable(ex, name);
            throw new PaymentGatewayException(PaymentGatewayErrorKind.Unavailable, "The payment provider could not be reached; try again later.", inner: ex);
        }
    }

    /// <summary>
    /// Stripe.net's exception as our own. It is never kept as the inner exception: its message is Stripe's, which may quote
    /// the key, and would reach every log the exception does.
    /// </summary>
    private PaymentGatewayException Failure(string name, StripeException exception)
    {
        var error = exception.StripeError;
        var status = exception.HttpStatusCode;
        var requestId = exception.StripeResponse?.RequestId;
        if ((int)status is >= 200 and < 300)
        {
            // A 2xx that Stripe.net could not read into its object.
            LogUnreadable(null, name + $" (request id {requestId})");
            return new PaymentGatewayException(PaymentGatewayErrorKind.Unavailable, "The payment provider's answer could not be read.");
        }

        LogFailure(name, (int)status, error?.Type, error?.Code, error?.DeclineCode, requestId, Redact(error?.Message));
        if (error is { Type: "card_error" })
        {
            // Card errors' messages are written for the customer.
            return new PaymentGatewayException(
                PaymentGatewayErrorKind.Declined, Redact(error.Message) ?? "The payment was declined.", error.Code, error.DeclineCode, error.PaymentIntent?.ToGateway());
        }

        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PaymentGatewayException(
                PaymentGatewayErrorKind.Authentication, "The payment provider did not accept our credentials for this account.", error?.Code),
            HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests => Unavailable(error),
            _ when (int)status >= 500 => Unavailable(error),
            _ => new PaymentGatewayException(PaymentGatewayErrorKind.InvalidRequest, RefusedMessage(error), error?.Code),
        };
    }

    private static PaymentGatewayException Unavailable(StripeError? error) =>
        new(PaymentGatewayErrorKind.Unavailable, "The payment provider is not available at the moment; try again later.", error?.Code);

    /// <summary>Our own words, with Stripe's identifiers (never its free text) to tell one refusal from another.</summary>
    private static string RefusedMessage(StripeError? error)
    {
        var detail = string.Join(", ", new[] { error?.Type, error?.Code, error?.Param is { } param ? $"param {param}" : null }.Where(s => !string.IsNullOrEmpty(s)));
        return detail.Length == 0 ? "The payment provider refused the request." : $"The payment provider refused the request ({detail}).";
    }

    private static Dictionary<string, string> Metadata(IReadOnlyDictionary<string, string> metadata) => new(metadata);

    /// <summary>Stripe.net puts the id in the path as given: an empty one would name the list instead.</summary>
    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return id;
    }

    [GeneratedRegex(@"(?<prefix>(?:sk|rk|pk)_(?:test|live)_|whsec_)[A-Za-z0-9*]+")]
    private static partial Regex SecretPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} answered {Status} (type {ErrorType}, code {Code}, decline code {DeclineCode}, request id {RequestId}): {StripeMessage}")]
    private partial void LogFailure(string request, int status, string? errorType, string? code, string? declineCode, string? requestId, string? stripeMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed: Stripe could not be reached, or every attempt timed out")]
    private partial void LogUnreachable(Exception exception, string request);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request}: the answer could not be read")]
    private partial void LogUnreadable(Exception? exception, string request);
}
