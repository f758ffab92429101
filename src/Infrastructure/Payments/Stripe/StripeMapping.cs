using HeadlessPortal.Application.Payments;
using Stripe;

namespace HeadlessPortal.Infrastructure.Payments.Stripe;

/// <summary>
/// Stripe.net's objects as the gateway records Application sees, so no Stripe type leaves Infrastructure. A field the
/// records cannot do without that is missing throws <see cref="InvalidDataException"/>: the answer could not be read.
/// </summary>
internal static class StripeMapping
{
    public static GatewayPaymentIntent ToGateway(this PaymentIntent pi) => new(
        Required(pi.Id, "payment_intent.id"), Required(pi.Status, "payment_intent.status"), pi.Amount, Required(pi.Currency, "payment_intent.currency"),
        pi.ClientSecret, pi.PaymentMethodId, Metadata(pi.Metadata),
        pi.LastPaymentError is { } e ? new GatewayFailure(e.Code, e.DeclineCode, e.Message) : null);

    public static GatewaySetupIntent ToGateway(this SetupIntent si) => new(
        Required(si.Id, "setup_intent.id"), Required(si.Status, "setup_intent.status"), si.ClientSecret, si.CustomerId, si.PaymentMethodId, Metadata(si.Metadata));

    public static GatewayPaymentMethod ToGateway(this PaymentMethod pm) => new(
        Required(pm.Id, "payment_method.id"), Required(pm.Type, "payment_method.type"), pm.CustomerId,
        pm.Card is { } c ? new GatewayCard(c.Brand ?? "unknown", c.Last4 ?? "", checked((int)c.ExpMonth), checked((int)c.ExpYear)) : null,
        pm.UsBankAccount is { } b ? new GatewayBankAccount(b.BankName, b.Last4 ?? "", b.AccountType) : null);

    /// <summary>An event with its object, when that object is a PaymentIntent or a SetupIntent.</summary>
    public static GatewayEvent ToGateway(this Event evt)
    {
        if (evt.Data is null)
        {
            throw new InvalidDataException("The event has no data.");
        }

        // Stripe.net reads a missing created as the Unix epoch.
        if (evt.Created <= DateTime.UnixEpoch)
        {
            throw new InvalidDataException("The event has no created time.");
        }

        return new GatewayEvent(
            Required(evt.Id, "event.id"), Required(evt.Type, "event.type"), evt.Account, new DateTimeOffset(DateTime.SpecifyKind(evt.Created, DateTimeKind.Utc)),
            (evt.Data.Object as PaymentIntent)?.ToGateway(), (evt.Data.Object as SetupIntent)?.ToGateway());
    }

    public static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new InvalidDataException($"Stripe's answer lacks {field}.") : value;

    private static Dictionary<string, string> Metadata(Dictionary<string, string>? metadata) => metadata ?? [];
}
