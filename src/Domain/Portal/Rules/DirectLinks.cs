namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>Where a direct link stands.</summary>
public enum DirectLinkStatus
{
    /// <summary>It works.</summary>
    Active,

    /// <summary>Its time ran out.</summary>
    Expired,

    /// <summary>The office withdrew it.</summary>
    Revoked,
}

/// <summary>
/// PRODUCT.md#direct-links: a payment link grants one invoice and its payment flow, without saved methods. Links
/// expire and can be revoked, and work without an account. A link is not single use: a customer may open the email
/// twice, and pay part of the balance each time.
/// </summary>
public static class DirectLinks
{
    /// <summary>Revoked wins over expired: the office's act is what the office wants to see.</summary>
    public static DirectLinkStatus Status(DateTimeOffset expiresAt, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        revokedAt is not null ? DirectLinkStatus.Revoked
        : now >= expiresAt ? DirectLinkStatus.Expired
        : DirectLinkStatus.Active;

    /// <summary>A link works while it is neither expired nor revoked, and what it grants still exists.</summary>
    public static bool Works(DateTimeOffset expiresAt, DateTimeOffset? revokedAt, bool grantedRecordExists, DateTimeOffset now) =>
        grantedRecordExists && Status(expiresAt, revokedAt, now) == DirectLinkStatus.Active;

    /// <summary>A payment link grants exactly the invoice it was made for.</summary>
    public static bool Grants(Guid linkInvoiceId, Guid invoiceId) => linkInvoiceId == invoiceId;

    /// <summary>A payment link never offers the customer's saved payment methods: whoever holds it has no account.</summary>
    public static bool OffersSavedPaymentMethods => false;

    /// <summary>The shortest lifetime a link may be asked for, in days.</summary>
    public const int MinLifetimeDays = 1;

    /// <summary>A lifetime asked for is a whole number of days between one and the configured maximum.</summary>
    public static bool LifetimeAllowed(int days, int maxDays) => days >= MinLifetimeDays && days <= maxDays;
}
