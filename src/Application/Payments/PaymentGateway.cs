namespace HeadlessPortal.Application.Payments;

/// <summary>
/// The payment provider (Stripe) as the application uses it. Every call acts on one tenant's connected account
/// (<c>accountId</c>, an <c>acct_...</c> id). Creating calls take an idempotency key: sending the same key with the same
/// request again returns the first result instead of acting twice (the recovery job relies on it).
/// Failures are <see cref="PaymentGatewayException"/>.
/// </summary>
public interface IPaymentGateway
{
    Task<GatewayCustomer> CreateCustomerAsync(string accountId, CreateGatewayCustomer request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Creates and confirms a PaymentIntent in one call (<c>confirm=true</c>).</summary>
    Task<GatewayPaymentIntent> CreatePaymentIntentAsync(string accountId, CreateGatewayPaymentIntent request, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayPaymentIntent> GetPaymentIntentAsync(string accountId, string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>Cancels a PaymentIntent the customer abandoned (<c>cancellation_reason=abandoned</c>).</summary>
    Task<GatewayPaymentIntent> CancelPaymentIntentAsync(string accountId, string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewaySetupIntent> CreateSetupIntentAsync(string accountId, CreateGatewaySetupIntent request, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewaySetupIntent> GetSetupIntentAsync(string accountId, string setupIntentId, CancellationToken cancellationToken);

    Task<GatewayPaymentMethod> GetPaymentMethodAsync(string accountId, string paymentMethodId, CancellationToken cancellationToken);

    Task<GatewayPaymentMethod> AttachPaymentMethodAsync(string accountId, string paymentMethodId, string customerId, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayPaymentMethod> DetachPaymentMethodAsync(string accountId, string paymentMethodId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The payment methods attached to a provider customer, of one type (<c>card</c> or <c>us_bank_account</c>).</summary>
    Task<IReadOnlyList<GatewayPaymentMethod>> ListPaymentMethodsAsync(string accountId, string customerId, string type, CancellationToken cancellationToken);

    Task<GatewayEvent> GetEventAsync(string accountId, string eventId, CancellationToken cancellationToken);
}

/// <summary>Reads and verifies webhook requests from the payment provider.</summary>
public interface IPaymentWebhookReader
{
    /// <summary>
    /// Verifies the signature header against the raw body (HMAC-SHA256, tolerance window, constant-time) and parses
    /// the event; answers null with the reason when the request is not authentic or not readable.
    /// </summary>
    WebhookReadResult Read(ReadOnlySpan<byte> rawBody, string? signatureHeader);
}

/// <summary>The outcome of reading a webhook request: an event, or why it was refused.</summary>
public sealed record WebhookReadResult(GatewayEvent? Event, string? Failure);

/// <summary>The ACH mandate the customer accepted, as the provider records it.</summary>
public sealed record GatewayMandateAcceptance(DateTimeOffset AcceptedAt, string IpAddress, string UserAgent);

public sealed record CreateGatewayCustomer(string Name, string? Email, IReadOnlyDictionary<string, string> Metadata);

public sealed record GatewayCustomer(string Id);

/// <summary>A PaymentIntent to create and confirm at once.</summary>
/// <param name="Amount">Minor units.</param>
/// <param name="Currency">Lowercase ISO 4217.</param>
/// <param name="PaymentMethodId">A <c>pm_...</c> id.</param>
/// <param name="PaymentMethodType"><c>card</c> or <c>us_bank_account</c>.</param>
/// <param name="CustomerId">The provider customer (saved methods), if any.</param>
/// <param name="Description">Shown in the provider's dashboard.</param>
/// <param name="Metadata">Carries our payment id (<c>payment_id</c>) and tenant id (<c>tenant_id</c>).</param>
/// <param name="Mandate">The ACH authorization, for bank accounts.</param>
/// <param name="ReturnUrl">Where 3-D Secure returns, if any.</param>
public sealed record CreateGatewayPaymentIntent(
    long Amount, string Currency, string PaymentMethodId, string PaymentMethodType, string? CustomerId, string? Description,
    IReadOnlyDictionary<string, string> Metadata, GatewayMandateAcceptance? Mandate, string? ReturnUrl);

/// <summary>A PaymentIntent as the provider reports it.</summary>
/// <param name="Id">A <c>pi_...</c> id.</param>
/// <param name="Status">The provider's status: requires_payment_method, requires_confirmation, requires_action, processing, requires_capture, canceled, succeeded.</param>
/// <param name="Amount">Minor units.</param>
/// <param name="Currency">Lowercase ISO 4217.</param>
/// <param name="ClientSecret">For the front end (3-D Secure).</param>
/// <param name="PaymentMethodId">The method charged.</param>
/// <param name="Metadata">As created.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
public sealed record GatewayPaymentIntent(
    string Id, string Status, long Amount, string Currency, string? ClientSecret, string? PaymentMethodId,
    IReadOnlyDictionary<string, string> Metadata, GatewayFailure? LastError);

/// <summary>Why a charge failed: the provider's code (card_declined), decline code (insufficient_funds) and message for the customer.</summary>
public sealed record GatewayFailure(string? Code, string? DeclineCode, string? Message);

/// <param name="CustomerId">The provider customer the method will be saved to.</param>
/// <param name="PaymentMethodTypes"><c>card</c> and/or <c>us_bank_account</c>.</param>
/// <param name="Metadata">Carries our customer id and tenant id.</param>
public sealed record CreateGatewaySetupIntent(string CustomerId, IReadOnlyList<string> PaymentMethodTypes, IReadOnlyDictionary<string, string> Metadata);

/// <param name="Id">A <c>seti_...</c> id.</param>
/// <param name="Status">requires_payment_method, requires_confirmation, requires_action, processing, canceled, succeeded.</param>
/// <param name="ClientSecret">For the front end to confirm with Stripe.js.</param>
/// <param name="CustomerId">The provider customer.</param>
/// <param name="PaymentMethodId">The method set up, once confirmed.</param>
/// <param name="Metadata">As created.</param>
public sealed record GatewaySetupIntent(string Id, string Status, string? ClientSecret, string? CustomerId, string? PaymentMethodId, IReadOnlyDictionary<string, string> Metadata);

/// <param name="Id">A <c>pm_...</c> id.</param>
/// <param name="Type"><c>card</c> or <c>us_bank_account</c>.</param>
/// <param name="CustomerId">The customer it is attached to, if any.</param>
/// <param name="Card">Card details (brand, last four, expiry).</param>
/// <param name="BankAccount">Bank account details (bank name, last four).</param>
public sealed record GatewayPaymentMethod(string Id, string Type, string? CustomerId, GatewayCard? Card, GatewayBankAccount? BankAccount);

public sealed record GatewayCard(string Brand, string Last4, int ExpMonth, int ExpYear);

public sealed record GatewayBankAccount(string? BankName, string Last4, string? AccountType);

/// <summary>An event from the provider: <c>payment_intent.succeeded</c> and the like, with the object it is about.</summary>
/// <param name="Id">An <c>evt_...</c> id; events are handled once per id.</param>
/// <param name="Type">Such as payment_intent.succeeded.</param>
/// <param name="AccountId">The connected account it happened on.</param>
/// <param name="Created">When it happened.</param>
/// <param name="PaymentIntent">The object, when it is a PaymentIntent.</param>
/// <param name="SetupIntent">The object, when it is a SetupIntent.</param>
public sealed record GatewayEvent(string Id, string Type, string? AccountId, DateTimeOffset Created, GatewayPaymentIntent? PaymentIntent, GatewaySetupIntent? SetupIntent);

/// <summary>What went wrong with a provider call.</summary>
public enum PaymentGatewayErrorKind
{
    /// <summary>The card or bank refused (Stripe card_error): answered 402 payment_declined.</summary>
    Declined,

    /// <summary>The provider refused the request as invalid (Stripe invalid_request_error, idempotency_error): 502.</summary>
    InvalidRequest,

    /// <summary>Our credentials or the connected account are not accepted (401/403): 502.</summary>
    Authentication,

    /// <summary>The provider could not be reached or kept failing (network, 429, 5xx after retries): 503.</summary>
    Unavailable,
}

/// <summary>
/// A provider call failed. <see cref="Exception.Message"/> is safe to show (never a secret, never the provider's raw
/// request); <see cref="PaymentIntent"/> carries the PaymentIntent when a confirmation was declined.
/// </summary>
public sealed class PaymentGatewayException(
    PaymentGatewayErrorKind kind, string message, string? code = null, string? declineCode = null, GatewayPaymentIntent? paymentIntent = null, Exception? inner = null)
    : Exception(message, inner)
{
    public PaymentGatewayErrorKind Kind { get; } = kind;

    /// <summary>The provider's error code (card_declined, resource_missing, ...).</summary>
    public string? Code { get; } = code;

    /// <summary>For declines, the issuer's reason (insufficient_funds, generic_decline, ...).</summary>
    public string? DeclineCode { get; } = declineCode;

    public GatewayPaymentIntent? PaymentIntent { get; } = paymentIntent;
}
