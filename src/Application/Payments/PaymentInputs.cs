using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Application.Payments;

/// <summary>One invoice and the amount to pay on it.</summary>
/// <param name="InvoiceId">An invoice id from /v1/portal/invoices.</param>
/// <param name="Amount">Minor units; exactly the balance unless the company takes partial payments.</param>
public sealed record AllocationInput([property: Required] Guid? InvoiceId, [property: Required] long? Amount);

/// <summary>The customer accepted the ACH debit authorization shown to them.</summary>
/// <param name="Accepted">Must be true.</param>
public sealed record AchAuthorizationInput(bool? Accepted);

/// <summary>How to pay.</summary>
/// <param name="Type">card (a new card, tokenized by Stripe.js), savedMethod (one of the customer's saved methods), usBankAccount (a bank account collected by Stripe.js).</param>
/// <param name="PaymentMethodId">The pm_... id from Stripe.js, for card and usBankAccount.</param>
/// <param name="SavedPaymentMethodId">For savedMethod: an id from /v1/portal/payment-methods; omitted, the customer's primary method.</param>
/// <param name="AchAuthorization">For usBankAccount: the authorization the customer accepted.</param>
public sealed record PaymentMethodInput(
    [property: Required] [property: AllowedValues(PaymentMethodTypes.Card, PaymentMethodTypes.SavedMethod, PaymentMethodTypes.UsBankAccount)] string? Type,
    string? PaymentMethodId, Guid? SavedPaymentMethodId, AchAuthorizationInput? AchAuthorization);

/// <summary>Where the request came from, recorded with an ACH authorization.</summary>
/// <param name="IpAddress">The client's address.</param>
/// <param name="UserAgent">The client's User-Agent.</param>
public sealed record RequestOrigin(string IpAddress, string UserAgent)
{
    /// <summary>What <see cref="IpAddress"/> says when the connection has no remote address.</summary>
    public const string Unknown = "unknown";

    /// <summary>The client's address, or null when unknown: an unknown address is no one's, and limits nobody.</summary>
    public string? KnownIpAddress => IpAddress == Unknown ? null : IpAddress;
}

/// <summary>The payment method kinds the API speaks.</summary>
public static class PaymentMethodTypes
{
    public const string Card = "card";
    public const string SavedMethod = "savedMethod";
    public const string UsBankAccount = "usBankAccount";

    public static bool IsProviderMethodId(string? id) => id is { Length: > 3 and <= Payment.ProviderIdMaxLength } && id.StartsWith("pm_", StringComparison.Ordinal);
}
