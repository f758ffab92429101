using System.Text.Json.Nodes;

namespace HeadlessPortal.FakeStripe.Internal;

/// <summary>What a payment method does when it is charged or set up.</summary>
internal enum Behaviour
{
    Succeeds,
    Declines,
    InsufficientFunds,
    RequiresAction,
    BankSettles,
    BankFails,
}

/// <summary>The kinds of method the test ids stand for.</summary>
internal sealed record TestMethod(string Type, Behaviour Behaviour, string Brand, string Last4, string? BankName = null)
{
    public static readonly IReadOnlyDictionary<string, TestMethod> ById = new Dictionary<string, TestMethod>(StringComparer.Ordinal)
    {
        [FakeStripeTestPaymentMethods.Visa] = new("card", Behaviour.Succeeds, "visa", "4242"),
        [FakeStripeTestPaymentMethods.Mastercard] = new("card", Behaviour.Succeeds, "mastercard", "4444"),
        [FakeStripeTestPaymentMethods.ChargeDeclined] = new("card", Behaviour.Declines, "visa", "0002"),
        [FakeStripeTestPaymentMethods.ChargeDeclinedInsufficientFunds] = new("card", Behaviour.InsufficientFunds, "visa", "9995"),
        [FakeStripeTestPaymentMethods.ThreeDSecureRequired] = new("card", Behaviour.RequiresAction, "visa", "3220"),
        [FakeStripeTestPaymentMethods.UsBankAccount] = new("us_bank_account", Behaviour.BankSettles, "", "6789", "STRIPE TEST BANK"),
        [FakeStripeTestPaymentMethods.UsBankAccountInsufficientFunds] = new("us_bank_account", Behaviour.BankFails, "", "2227", "STRIPE TEST BANK"),
    };
}

internal abstract class FakeObject
{
    public required string Id { get; init; }

    /// <summary>The connected account (<c>Stripe-Account</c>) it belongs to; empty for the platform's own.</summary>
    public required string Account { get; init; }

    public required long Created { get; init; }

    /// <summary>Creation order within the server (Created has whole seconds only).</summary>
    public long Sequence { get; init; }

    public abstract JsonObject ToJson();

    protected static JsonObject Hash(IReadOnlyDictionary<string, string> values)
    {
        var hash = new JsonObject();
        foreach (var (key, value) in values)
        {
            hash[key] = value;
        }

        return hash;
    }

    protected static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The field exists only in the API versions that take it, so it is written only when it was given.</summary>
    protected static JsonObject WithAllowedTypes(JsonObject json, IReadOnlyList<string>? allowed)
    {
        if (allowed is not null)
        {
            json["allowed_payment_method_types"] = Array(allowed);
        }

        return json;
    }
}

internal sealed class FakeCustomer : FakeObject
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public override JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "customer",
        ["created"] = Created,
        ["description"] = Description,
        ["email"] = Email,
        ["livemode"] = false,
        ["metadata"] = Hash(Metadata),
        ["name"] = Name,
    };
}

internal sealed class FakePaymentMethod : FakeObject
{
    public required string Type { get; init; }

    public required Behaviour Behaviour { get; init; }

    public required TestMethod Template { get; init; }

    public string? Customer { get; set; }

    /// <summary>Used for a payment without being attached to a customer, or detached: it cannot be used again.</summary>
    public bool Consumed { get; set; }

    public override JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["object"] = "payment_method",
            ["billing_details"] = new JsonObject { ["address"] = null, ["email"] = null, ["name"] = null, ["phone"] = null },
            ["created"] = Created,
            ["customer"] = Customer,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["type"] = Type,
        };
        if (Type == "card")
        {
            json["card"] = new JsonObject
            {
                ["brand"] = Template.Brand,
                ["country"] = "US",
                ["exp_month"] = 12,
                ["exp_year"] = 2034,
                ["fingerprint"] = "fp" + Template.Last4 + Template.Brand,
                ["funding"] = "credit",
                ["last4"] = Template.Last4,
            };
        }
        else
        {
            json["us_bank_account"] = new JsonObject
            {
                ["account_holder_type"] = "individual",
                ["account_type"] = "checking",
                ["bank_name"] = Template.BankName,
                ["fingerprint"] = "fpbank" + Template.Last4,
                ["last4"] = Template.Last4,
                ["routing_number"] = "110000000",
            };
        }

        return json;
    }
}

internal sealed class FakePaymentIntent : FakeObject
{
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string ClientSecret { get; init; }

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    /// <summary>As asked with <c>allowed_payment_method_types</c> (Stripe.net's API version); null when asked the older way.</summary>
    public IReadOnlyList<string>? AllowedPaymentMethodTypes { get; init; }

    public string Status { get; set; } = "requires_payment_method";

    public string? Customer { get; init; }

    public string? Description { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string? PaymentMethod { get; set; }

    /// <summary>The method of the current attempt, kept after a failure clears <see cref="PaymentMethod"/>.</summary>
    public FakePaymentMethod? Attempted { get; set; }

    public string? ReturnUrl { get; set; }

    public long AmountReceived { get; set; }

    public string? LatestCharge { get; set; }

    public JsonObject? LastPaymentError { get; set; }

    public JsonObject? NextAction { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }

    public override JsonObject ToJson() => WithAllowedTypes(new()
    {
        ["id"] = Id,
        ["object"] = "payment_intent",
        ["amount"] = Amount,
        ["amount_capturable"] = 0,
        ["amount_received"] = AmountReceived,
        ["canceled_at"] = CanceledAt,
        ["cancellation_reason"] = CancellationReason,
        ["capture_method"] = "automatic",
        ["client_secret"] = ClientSecret,
        ["confirmation_method"] = "automatic",
        ["created"] = Created,
        ["currency"] = Currency,
        ["customer"] = Customer,
        ["description"] = Description,
        ["last_payment_error"] = LastPaymentError?.DeepClone(),
        ["latest_charge"] = LatestCharge,
        ["livemode"] = false,
        ["metadata"] = Hash(Metadata),
        ["next_action"] = NextAction?.DeepClone(),
        ["payment_method"] = PaymentMethod,
        ["payment_method_types"] = Array(PaymentMethodTypes),
        ["status"] = Status,
    }, AllowedPaymentMethodTypes);
}

internal sealed class FakeSetupIntent : FakeObject
{
    public required string ClientSecret { get; init; }

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    /// <summary>As asked with <c>allowed_payment_method_types</c> (Stripe.net's API version); null when asked the older way.</summary>
    public IReadOnlyList<string>? AllowedPaymentMethodTypes { get; init; }

    public string Status { get; set; } = "requires_payment_method";

    public string? Customer { get; init; }

    public string? Description { get; init; }

    public string Usage { get; init; } = "off_session";

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string? PaymentMethod { get; set; }

    public JsonObject? LastSetupError { get; set; }

    public override JsonObject ToJson() => WithAllowedTypes(new()
    {
        ["id"] = Id,
        ["object"] = "setup_intent",
        ["client_secret"] = ClientSecret,
        ["created"] = Created,
        ["customer"] = Customer,
        ["description"] = Description,
        ["last_setup_error"] = LastSetupError?.DeepClone(),
        ["livemode"] = false,
        ["metadata"] = Hash(Metadata),
        ["next_action"] = null,
        ["payment_method"] = PaymentMethod,
        ["payment_method_types"] = Array(PaymentMethodTypes),
        ["status"] = Status,
        ["usage"] = Usage,
    }, AllowedPaymentMethodTypes);
}
