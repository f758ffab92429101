using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>
/// What a customer sees of a saved method: for cards the brand, last four digits and expiry; for bank accounts the
/// bank's name and last four digits. Never the number itself: the front end tokenizes with Stripe.js and the server
/// only ever receives provider ids.
/// </summary>
/// <param name="Brand">The card network as the provider names it: visa, mastercard, amex, ...</param>
/// <param name="Last4">The last four digits.</param>
/// <param name="ExpMonth">Card expiry month, 1-12.</param>
/// <param name="ExpYear">Card expiry year, four digits.</param>
/// <param name="BankName">The bank, for bank accounts.</param>
public sealed record PaymentMethodDisplay(string? Brand, string Last4, int? ExpMonth, int? ExpYear, string? BankName)
{
    public const int BrandMaxLength = 30;
    public const int Last4Length = 4;
    public const int BankNameMaxLength = 100;

    /// <summary>Card details as the provider reports them.</summary>
    public static PaymentMethodDisplay Card(string brand, string last4, int expMonth, int expYear) => new(brand, last4, expMonth, expYear, null);

    /// <summary>Bank account details as the provider reports them.</summary>
    public static PaymentMethodDisplay BankAccount(string? bankName, string last4) => new(null, last4, null, null, bankName);
}

/// <summary>
/// A payment method (a provider <c>pm_...</c> id) saved to a customer for later payments. Saved under the provider
/// customer of the tenant's payment account; removed methods stay as records (the history refers to them) but are
/// never shown or charged again. Which one is primary is kept by <see cref="ProviderCustomer"/>.
/// </summary>
public sealed class SavedPaymentMethod : ITenantOwned
{
    public const int ProviderIdMaxLength = 255;

    private SavedPaymentMethod()
    {
        ProviderAccountId = null!;
        ProviderCustomerId = null!;
        ProviderPaymentMethodId = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>Our customer the method belongs to.</summary>
    public Guid CustomerId { get; private set; }

    /// <summary>The payment account (acct_...) it was saved on; it can only be charged there.</summary>
    public string ProviderAccountId { get; private set; }

    /// <summary>The provider customer (cus_...) it is attached to.</summary>
    public string ProviderCustomerId { get; private set; }

    /// <summary>The provider's payment method (pm_...).</summary>
    public string ProviderPaymentMethodId { get; private set; }

    public PaymentMethodKind Kind { get; private set; }

    /// <summary>Card network (visa, mastercard, ...); null for bank accounts and until the method is described.</summary>
    public string? Brand { get; private set; }

    /// <summary>The last four digits; null until the method is described (a method saved from a webhook is described a moment later).</summary>
    public string? Last4 { get; private set; }

    public int? ExpMonth { get; private set; }

    public int? ExpYear { get; private set; }

    public string? BankName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the customer removed it; removed methods are neither listed nor charged.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    /// <summary>Whether the display details (last four digits, brand, expiry) are known.</summary>
    public bool IsDescribed => Last4 is not null;

    /// <summary>"Visa •••• 4242", "Chase •••• 6789", or "Card" until the details are known.</summary>
    public string Summary => PaymentMethodSummary.Of(Kind, Brand, Last4, BankName);

    /// <summary>A method to save for a customer; <paramref name="display"/> may come later (<see cref="Describe"/>).</summary>
    public static SavedPaymentMethod Create(
        TenantId tenantId, Guid customerId, string providerAccountId, string providerCustomerId, string providerPaymentMethodId,
        PaymentMethodKind kind, PaymentMethodDisplay? display, DateTimeOffset now)
    {
        var method = new SavedPaymentMethod
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            CustomerId = customerId,
            ProviderAccountId = Guard.Required(providerAccountId, "Payment account id", PaymentAccount.AccountIdMaxLength),
            ProviderCustomerId = Guard.Required(providerCustomerId, "Provider customer id", ProviderIdMaxLength),
            ProviderPaymentMethodId = Guard.Required(providerPaymentMethodId, "Payment method id", ProviderIdMaxLength),
            Kind = kind,
            CreatedAt = now,
        };
        if (display is not null)
        {
            method.Describe(display);
        }

        return method;
    }

    /// <summary>Sets the display details the provider reported; answers whether anything changed.</summary>
    public bool Describe(PaymentMethodDisplay display)
    {
        var last4 = display.Last4?.Trim();
        if (last4 is not { Length: PaymentMethodDisplay.Last4Length } || !last4.All(char.IsAsciiDigit))
        {
            throw new DomainException("invalid_payment_method", "The last four digits of a payment method are four digits.");
        }

        var (brand, expMonth, expYear, bankName) = Kind == PaymentMethodKind.Card
            ? (Bounded(display.Brand, PaymentMethodDisplay.BrandMaxLength), display.ExpMonth, display.ExpYear, (string?)null)
            : (null, null, null, Bounded(display.BankName, PaymentMethodDisplay.BankNameMaxLength));
        if (Kind == PaymentMethodKind.Card && (expMonth is not (>= 1 and <= 12) || expYear is not (>= 2000 and <= 9999)))
        {
            throw new DomainException("invalid_payment_method", "A card's expiry is a month 1-12 and a four-digit year.");
        }

        if (Last4 == last4 && Brand == brand && ExpMonth == expMonth && ExpYear == expYear && BankName == bankName)
        {
            return false;
        }

        (Last4, Brand, ExpMonth, ExpYear, BankName) = (last4, brand, expMonth, expYear, bankName);
        return true;
    }

    /// <summary>Marks the method removed (once); the caller's <see cref="ProviderCustomer"/> moves the primary.</summary>
    internal void MarkRemoved(DateTimeOffset now) => RemovedAt ??= now;

    private static string? Bounded(string? value, int max)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > max ? trimmed[..max] : trimmed;
    }
}

/// <summary>How a saved method is named to people: in lists, in the history, in emails.</summary>
public static class PaymentMethodSummary
{
    private static readonly Dictionary<string, string> Brands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["amex"] = "American Express",
        ["cartes_bancaires"] = "Cartes Bancaires",
        ["diners"] = "Diners Club",
        ["discover"] = "Discover",
        ["eftpos_au"] = "eftpos Australia",
        ["interac"] = "Interac",
        ["jcb"] = "JCB",
        ["mastercard"] = "Mastercard",
        ["unionpay"] = "UnionPay",
        ["visa"] = "Visa",
    };

    /// <summary>"Visa •••• 4242" for a card, "Chase •••• 6789" (or "Bank account •••• 6789") for a bank account; "Card" or "Bank account" while the details are unknown.</summary>
    public static string Of(PaymentMethodKind kind, string? brand, string? last4, string? bankName)
    {
        var name = kind == PaymentMethodKind.Card ? BrandName(brand) : bankName ?? "Bank account";
        return last4 is null ? name : $"{name} •••• {last4}";
    }

    /// <summary>The friendly brand name of a provider brand code (visa → Visa); "Card" when unknown.</summary>
    public static string BrandName(string? brand) => brand is not null && Brands.TryGetValue(brand, out var known) ? known : "Card";
}
