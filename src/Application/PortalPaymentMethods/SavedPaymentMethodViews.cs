using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Application.PortalPaymentMethods;

/// <summary>A saved payment method as its customer sees it: never the number, only what identifies it to a person.</summary>
/// <param name="Id">Its id: pay with it as paymentMethod.savedPaymentMethodId of POST /v1/portal/payments.</param>
/// <param name="CustomerId">The customer it is saved for.</param>
/// <param name="Type">card or usBankAccount.</param>
/// <param name="IsPrimary">The default when paying with a saved method without naming one; at most one per customer.</param>
/// <param name="Summary">How to name it, such as "Visa •••• 4242".</param>
/// <param name="Card">For cards: brand, last four digits, expiry.</param>
/// <param name="BankAccount">For bank accounts: bank name and last four digits.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record SavedPaymentMethodDto(
    Guid Id, Guid CustomerId, PaymentMethodKind Type, bool IsPrimary, string Summary, SavedCardDto? Card, SavedBankAccountDto? BankAccount, DateTimeOffset CreatedAt);

/// <summary>What identifies a saved card.</summary>
/// <param name="Brand">The network as Stripe names it (visa, mastercard, amex, discover, ...); null until known.</param>
/// <param name="Last4">The last four digits; null for a moment after a card is saved by Stripe's notification.</param>
/// <param name="ExpMonth">Expiry month, 1-12.</param>
/// <param name="ExpYear">Expiry year.</param>
/// <param name="Expired">Past the end of its expiry month: it cannot be made primary.</param>
public sealed record SavedCardDto(string? Brand, string? Last4, int? ExpMonth, int? ExpYear, bool Expired);

/// <summary>What identifies a saved bank account.</summary>
/// <param name="BankName">The bank, when Stripe knows it.</param>
/// <param name="Last4">The last four digits of the account number.</param>
public sealed record SavedBankAccountDto(string? BankName, string? Last4);

/// <summary>What the front end needs to collect a method with Stripe.js.</summary>
/// <param name="SetupIntentId">The SetupIntent (seti_...): send it to POST /v1/portal/payment-methods once Stripe.js confirmed it.</param>
/// <param name="ClientSecret">For stripe.confirmCardSetup / confirmUsBankAccountSetup (or the Payment Element's confirmSetup).</param>
/// <param name="Stripe">For loadStripe(publishableKey, { stripeAccount: accountId }).</param>
public sealed record PaymentMethodSetupDto(string SetupIntentId, string ClientSecret, StripeClientDto Stripe);

/// <summary>One change to a customer's saved payment methods.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="SavedPaymentMethodId">The method changed.</param>
/// <param name="Action">added, madePrimary, removed, or primaryCleared (the primary was removed and no remaining method could take over).</param>
/// <param name="Method">The method as people name it, such as "Visa •••• 4242".</param>
/// <param name="Actor">Who made the change: portal-user:{id} (a signed-in portal user) or portal-link:{session id} (someone signed in with the customer's portal link).</param>
/// <param name="At">When.</param>
public sealed record PaymentMethodHistoryEntryDto(Guid Id, Guid SavedPaymentMethodId, PaymentMethodHistoryAction Action, string Method, string Actor, DateTimeOffset At);

internal static class SavedPaymentMethodViews
{
    public static SavedPaymentMethodDto Of(SavedPaymentMethod method, Guid? primaryId, DateOnly today, TimeZoneInfo zone) => new(
        method.Id,
        method.CustomerId,
        method.Kind,
        method.Id == primaryId,
        method.Summary,
        method.Kind == PaymentMethodKind.Card
            ? new SavedCardDto(method.Brand, method.Last4, method.ExpMonth, method.ExpYear, SavedPaymentMethodRules.IsExpired(method.Kind, method.ExpMonth, method.ExpYear, today))
            : null,
        method.Kind == PaymentMethodKind.UsBankAccount ? new SavedBankAccountDto(method.BankName, method.Last4) : null,
        method.CreatedAt.In(zone));

    /// <summary>The primary first, then the most recently saved.</summary>
    public static IEnumerable<SavedPaymentMethod> InListOrder(IEnumerable<SavedPaymentMethod> methods, Guid? primaryId) =>
        methods.OrderByDescending(m => m.Id == primaryId).ThenByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);

    public static PaymentMethodHistoryEntryDto Of(PaymentMethodHistoryEntry entry) =>
        new(entry.Id, entry.SavedPaymentMethodId, entry.Action, entry.Summary, entry.Actor, entry.At);

    /// <summary>The kind and display details of a provider payment method; null kind for types we do not save.</summary>
    public static (PaymentMethodKind? Kind, PaymentMethodDisplay? Display) Describe(GatewayPaymentMethod method) => method.Type switch
    {
        ProviderTypes.Card => (PaymentMethodKind.Card, method.Card is { } card ? PaymentMethodDisplay.Card(card.Brand, card.Last4, card.ExpMonth, card.ExpYear) : null),
        ProviderTypes.UsBankAccount => (PaymentMethodKind.UsBankAccount, method.BankAccount is { } bank ? PaymentMethodDisplay.BankAccount(bank.BankName, bank.Last4) : null),
        _ => (null, null),
    };
}

/// <summary>The payment method types as the provider names them, and as the API does.</summary>
internal static class ProviderTypes
{
    public const string Card = "card";
    public const string UsBankAccount = "us_bank_account";

    public static string Of(PaymentMethodKind kind) => kind == PaymentMethodKind.Card ? Card : UsBankAccount;

    public static PaymentMethodKind? KindOf(string? providerType) => providerType switch
    {
        Card => PaymentMethodKind.Card,
        UsBankAccount => PaymentMethodKind.UsBankAccount,
        _ => null,
    };

    /// <summary>The API's card / usBankAccount.</summary>
    public static PaymentMethodKind? KindOfApiType(string? type) => type switch
    {
        Payments.PaymentMethodTypes.Card => PaymentMethodKind.Card,
        Payments.PaymentMethodTypes.UsBankAccount => PaymentMethodKind.UsBankAccount,
        _ => null,
    };
}
