using HeadlessPortal.Domain.Payments;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#saved-payment-methods: a customer keeps a few methods, one of them primary (the default
/// when paying). A method saved while the customer has no primary becomes the primary; making one primary clears the
/// others; removing the primary hands it to the most recent remaining method that can be primary, or to none; an
/// expired card cannot be primary.
/// </summary>
public static class SavedPaymentMethodRules
{
    /// <summary>How many methods one customer may keep at a time (removed ones do not count).</summary>
    public const int MaxPerCustomer = 10;

    /// <summary>Another method may be saved while the customer keeps fewer than <see cref="MaxPerCustomer"/>.</summary>
    public static bool CanSaveAnother(int savedCount) => savedCount < MaxPerCustomer;

    /// <summary>A newly saved method becomes the primary when the customer has none (the first one, or after the primary was removed without successor).</summary>
    public static bool BecomesPrimaryWhenSaved(bool customerHasPrimary) => !customerHasPrimary;

    /// <summary>
    /// A card is valid through the last day of its expiry month; bank accounts do not expire. A card whose expiry is
    /// not known yet is not treated as expired.
    /// </summary>
    public static bool IsExpired(PaymentMethodKind kind, int? expMonth, int? expYear, DateOnly today) =>
        kind == PaymentMethodKind.Card && expMonth is { } month && expYear is { } year
        && (year < today.Year || (year == today.Year && month < today.Month));

    /// <summary>An expired card cannot be made primary: the default when paying must be one that can be charged.</summary>
    public static bool CanBePrimary(PaymentMethodKind kind, int? expMonth, int? expYear, DateOnly today) =>
        !IsExpired(kind, expMonth, expYear, today);

    /// <summary>
    /// Who becomes primary when the primary is removed: the most recently saved remaining method that can be primary,
    /// or none when every remaining one is an expired card (or none remains).
    /// </summary>
    public static SavedPaymentMethod? SuccessorOfRemovedPrimary(IEnumerable<SavedPaymentMethod> remaining, DateOnly today) =>
        remaining
            .Where(m => m.RemovedAt is null && CanBePrimary(m.Kind, m.ExpMonth, m.ExpYear, today))
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .FirstOrDefault();
}
