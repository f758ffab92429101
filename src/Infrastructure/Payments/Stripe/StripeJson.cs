using System.Text.Json;
using System.Text.Json.Serialization;
using HeadlessPortal.Application.Payments;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// The parts of Stripe's JSON objects the adapter reads, and their mapping to the gateway records. Fields the adapter
/// does not need are ignored, so additions in Stripe's answers change nothing here.
/// </summary>
internal static class StripeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static T Parse<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stripe answered null for a {typeof(T).Name}.");

    public static GatewayPaymentIntent ToGateway(this PaymentIntentJson pi) => new(
        Required(pi.Id, "payment_intent.id"), Required(pi.Status, "payment_intent.status"), pi.Amount, Required(pi.Currency, "payment_intent.currency"),
        pi.ClientSecret, pi.PaymentMethod, Metadata(pi.Metadata), pi.LastPaymentError is { } e ? new GatewayFailure(e.Code, e.DeclineCode, e.Message) : null);

    public static GatewaySetupIntent ToGateway(this SetupIntentJson si) => new(
        Required(si.Id, "setup_intent.id"), Required(si.Status, "setup_intent.status"), si.ClientSecret, si.Customer, si.PaymentMethod, Metadata(si.Metadata));

    public static GatewayPaymentMethod ToGateway(this PaymentMethodJson pm) => new(
        Required(pm.Id, "payment_method.id"), Required(pm.Type, "payment_method.type"), pm.Customer,
        pm.Card is { } c ? new GatewayCard(c.Brand ?? "unknown", c.Last4 ?? "", c.ExpMonth, c.ExpYear) : null,
        pm.UsBankAccount is { } b ? new GatewayBankAccount(b.BankName, b.Last4 ?? "", b.AccountType) : null);

    /// <summary>An event with its object, when that object is a PaymentIntent or a SetupIntent (by its <c>object</c> field).</summary>
    public static GatewayEvent ToGateway(this EventJson evt)
    {
        GatewayPaymentIntent? paymentIntent = null;
        GatewaySetupIntent? setupIntent = null;
        if (evt.Data is { Object: { ValueKind: JsonValueKind.Object } obj })
        {
            var kind = obj.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (kind == "payment_intent")
            {
                paymentIntent = (obj.Deserialize<PaymentIntentJson>(Options) ?? throw new JsonException("Null payment_intent.")).ToGateway();
            }
            else if (kind == "setup_intent")
            {
                setupIntent = (obj.Deserialize<SetupIntentJson>(Options) ?? throw new JsonException("Null setup_intent.")).ToGateway();
            }
        }
        else
        {
            throw new JsonException("The event has no data.object.");
        }

        return new GatewayEvent(
            Required(evt.Id, "event.id"), Required(evt.Type, "event.type"), evt.Account,
            DateTimeOffset.FromUnixTimeSeconds(evt.Created ?? throw new JsonException("The event has no created time.")), paymentIntent, setupIntent);
    }

    private static IReadOnlyDictionary<string, string> Metadata(Dictionary<string, string>? metadata) =>
        metadata ?? new Dictionary<string, string>();

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new JsonException($"Stripe's answer lacks {field}.") : value;
}

/// <summary><c>{ "error": { ... } }</c>.</summary>
internal sealed class ErrorEnvelopeJson
{
    public ErrorJson? Error { get; set; }
}

/// <summary>Stripe's error object; for declines it carries the PaymentIntent.</summary>
internal sealed class ErrorJson
{
    public string? Type { get; set; }

    public string? Code { get; set; }

    public string? DeclineCode { get; set; }

    public string? Message { get; set; }

    public string? Param { get; set; }

    public PaymentIntentJson? PaymentIntent { get; set; }
}

internal sealed class CustomerJson
{
    public string? Id { get; set; }
}

internal sealed class PaymentIntentJson
{
    public string? Id { get; set; }

    public string? Status { get; set; }

    public long Amount { get; set; }

    public string? Currency { get; set; }

    public string? ClientSecret { get; set; }

    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? PaymentMethod { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public ErrorJson? LastPaymentError { get; set; }
}

internal sealed class SetupIntentJson
{
    public string? Id { get; set; }

    public string? Status { get; set; }

    public string? ClientSecret { get; set; }

    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Customer { get; set; }

    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? PaymentMethod { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}

internal sealed class PaymentMethodJson
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Customer { get; set; }

    public CardJson? Card { get; set; }

    public BankAccountJson? UsBankAccount { get; set; }
}

internal sealed class CardJson
{
    public string? Brand { get; set; }

    public string? Last4 { get; set; }

    public int ExpMonth { get; set; }

    public int ExpYear { get; set; }
}

internal sealed class BankAccountJson
{
    public string? BankName { get; set; }

    public string? Last4 { get; set; }

    public string? AccountType { get; set; }
}

/// <summary>A page of a Stripe list (<c>{ "object": "list", "data": [...], "has_more": ... }</c>).</summary>
internal sealed class ListJson<T>
{
    public List<T> Data { get; set; } = [];

    public bool HasMore { get; set; }
}

internal sealed class EventJson
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? Account { get; set; }

    public long? Created { get; set; }

    public EventDataJson? Data { get; set; }
}

internal sealed class EventDataJson
{
    public JsonElement Object { get; set; }
}

/// <summary>
/// Reads a field Stripe sends either as an id (<c>"pm_123"</c>) or, when expanded, as the object itself
/// (<c>{ "id": "pm_123", ... }</c>), as the id.
/// </summary>
internal sealed class ExpandableIdConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                }

            default:
                throw new JsonException($"Expected an id or an object, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
