namespace HeadlessPortal.FakeStripe;

/// <summary>
/// Stripe's own test PaymentMethod ids, as the fake understands them. Given directly, each stands for a fresh,
/// unattached method of its kind: paying or attaching with one creates a new <c>pm_...</c> id, as Stripe does.
/// </summary>
public static class FakeStripeTestPaymentMethods
{
    /// <summary>Visa ending 4242, expiring 12/2034: payments succeed.</summary>
    public const string Visa = "pm_card_visa";

    /// <summary>Mastercard ending 4444, expiring 12/2034: payments succeed.</summary>
    public const string Mastercard = "pm_card_mastercard";

    /// <summary>Visa ending 0002: declined (402 card_error, card_declined, generic_decline); setting it up for later fails too.</summary>
    public const string ChargeDeclined = "pm_card_chargeDeclined";

    /// <summary>Visa ending 9995: payments declined with insufficient_funds; it can be saved (the decline comes when charged).</summary>
    public const string ChargeDeclinedInsufficientFunds = "pm_card_chargeDeclinedInsufficientFunds";

    /// <summary>Visa ending 3220: payments need 3-D Secure (requires_action) until the authentication is completed or failed.</summary>
    public const string ThreeDSecureRequired = "pm_card_threeDSecure2Required";

    /// <summary>A checking account at STRIPE TEST BANK ending 6789: payments go to processing, then succeed when settled.</summary>
    public const string UsBankAccount = "pm_usBankAccount";

    /// <summary>
    /// A checking account at STRIPE TEST BANK ending 2227 (an id of the fake's own; Stripe's test mode uses test account
    /// numbers for this): payments go to processing, then fail with insufficient_funds when settled.
    /// </summary>
    public const string UsBankAccountInsufficientFunds = "pm_usBankAccount_insufficientFunds";
}

/// <summary>A request the fake received, in arrival order.</summary>
public sealed class FakeStripeRequest
{
    internal FakeStripeRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Form = form;
    }

    /// <summary>GET or POST.</summary>
    public string Method { get; }

    /// <summary>Such as <c>/v1/payment_intents</c>.</summary>
    public string Path { get; }

    /// <summary>The query string with its leading <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>Every header (the first value of each), names compared without case.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The form fields of the body as sent, names decoded (<c>metadata[payment_id]</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form { get; }

    /// <summary>The status the fake answered; 0 for a connection it dropped.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The <c>Idempotency-Key</c> header, if sent.</summary>
    public string? IdempotencyKey => Headers.GetValueOrDefault("Idempotency-Key");

    /// <summary>The <c>Stripe-Account</c> header, if sent.</summary>
    public string? StripeAccount => Headers.GetValueOrDefault("Stripe-Account");

    /// <summary>The <c>Stripe-Version</c> header, if sent.</summary>
    public string? StripeVersion => Headers.GetValueOrDefault("Stripe-Version");

    /// <summary>The first value of a form field, or null.</summary>
    public string? Field(string name) => Form.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>Every value of a form field (lists repeat <c>name[]</c>).</summary>
    public IReadOnlyList<string> Fields(string name) => Form.Where(f => f.Key == name).Select(f => f.Value).ToList();
}

/// <summary>An event the fake created (<c>evt_...</c>), as Stripe would send it.</summary>
/// <param name="Id">The <c>evt_...</c> id.</param>
/// <param name="Type">Such as <c>payment_intent.succeeded</c>.</param>
/// <param name="Account">The connected account it happened on, or null for the platform's own.</param>
/// <param name="Created">When it happened.</param>
/// <param name="ObjectId">The id of the object it is about.</param>
/// <param name="Json">The event exactly as delivered and as <c>GET /v1/events/{id}</c> answers it.</param>
public sealed record FakeStripeEvent(string Id, string Type, string? Account, DateTimeOffset Created, string ObjectId, string Json);

/// <summary>One attempt to deliver an event to the webhook target.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Attempt">1 for the first attempt of this sending, and so on.</param>
/// <param name="StatusCode">The target's answer, or null when there was none.</param>
/// <param name="Error">Why there was no answer (no target yet, connection refused, ...).</param>
/// <param name="SignatureHeader">The <c>Stripe-Signature</c> header sent, if the request was sent.</param>
public sealed record FakeStripeDelivery(string EventId, int Attempt, int? StatusCode, string? Error, string? SignatureHeader)
{
    /// <summary>The target answered 2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
