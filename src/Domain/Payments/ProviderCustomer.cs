using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>
/// Our customer as a customer of the payment provider (<c>cus_...</c>) on the tenant's payment account: one per
/// customer and account, created at the first setup of a saved method. It holds the customer's saved methods
/// together: which one is primary (like the provider's default payment method), and the rules of
/// <see cref="SavedPaymentMethodRules"/> for saving, choosing and removing. Changes go through it under its row lock,
/// so two requests never change one customer's methods at once.
/// </summary>
public sealed class ProviderCustomer : ITenantOwned
{
    public const int ProviderIdMaxLength = 255;

    private ProviderCustomer()
    {
        ProviderAccountId = null!;
        ProviderCustomerId = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>Our customer.</summary>
    public Guid CustomerId { get; private set; }

    /// <summary>The payment account (acct_...) the provider customer lives on.</summary>
    public string ProviderAccountId { get; private set; }

    /// <summary>The provider customer (cus_...).</summary>
    public string ProviderCustomerId { get; private set; }

    /// <summary>The saved method charged when the customer pays with "my saved method" without naming one; null when none.</summary>
    public Guid? PrimaryPaymentMethodId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Grows each time a change takes the row lock: the update that grows it is the lock.</summary>
    public int Version { get; private set; }

    public static ProviderCustomer Create(TenantId tenantId, Guid customerId, string providerAccountId, string providerCustomerId, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        CustomerId = customerId,
        ProviderAccountId = Guard.Required(providerAccountId, "Payment account id", PaymentAccount.AccountIdMaxLength),
        ProviderCustomerId = Guard.Required(providerCustomerId, "Provider customer id", ProviderIdMaxLength),
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Saves a method the customer set up. <paramref name="saved"/> are the customer's methods not removed. Refused
    /// (409 too_many_payment_methods) at <see cref="SavedPaymentMethodRules.MaxPerCustomer"/>; the method becomes
    /// primary when the customer has none. Answers the history entries to write.
    /// </summary>
    public IReadOnlyList<PaymentMethodHistoryEntry> Save(
        IReadOnlyCollection<SavedPaymentMethod> saved, SavedPaymentMethod method, string actor, DateTimeOffset now)
    {
        EnsureMine(method);
        if (!SavedPaymentMethodRules.CanSaveAnother(saved.Count(m => m.RemovedAt is null && m.Id != method.Id)))
        {
            throw new DomainException(
                "too_many_payment_methods",
                $"A customer keeps at most {SavedPaymentMethodRules.MaxPerCustomer} saved payment methods; remove one first.",
                DomainErrorKind.Conflict);
        }

        var history = new List<PaymentMethodHistoryEntry> { PaymentMethodHistoryEntry.Record(method, PaymentMethodHistoryAction.Added, actor, now) };
        if (SavedPaymentMethodRules.BecomesPrimaryWhenSaved(HasPrimary(saved)))
        {
            PrimaryPaymentMethodId = method.Id;
            history.Add(PaymentMethodHistoryEntry.Record(method, PaymentMethodHistoryAction.MadePrimary, actor, now));
        }

        Touch(now);
        return history;
    }

    /// <summary>
    /// Makes a saved method the primary, which clears the previous one. An expired card is refused (409
    /// payment_method_expired); the primary already is a no-op (no history).
    /// </summary>
    public IReadOnlyList<PaymentMethodHistoryEntry> MakePrimary(SavedPaymentMethod method, string actor, DateOnly today, DateTimeOffset now)
    {
        EnsureMine(method);
        EnsureNotRemoved(method);
        if (PrimaryPaymentMethodId == method.Id)
        {
            return [];
        }

        if (!SavedPaymentMethodRules.CanBePrimary(method.Kind, method.ExpMonth, method.ExpYear, today))
        {
            throw new DomainException("payment_method_expired", $"{method.Summary} has expired; an expired card cannot be the primary method.", DomainErrorKind.Conflict);
        }

        PrimaryPaymentMethodId = method.Id;
        Touch(now);
        return [PaymentMethodHistoryEntry.Record(method, PaymentMethodHistoryAction.MadePrimary, actor, now)];
    }

    /// <summary>
    /// Removes a saved method. When it was the primary, the most recently saved remaining method that can be primary
    /// takes over, or none does. <paramref name="saved"/> are the customer's methods not removed.
    /// </summary>
    public IReadOnlyList<PaymentMethodHistoryEntry> Remove(
        IReadOnlyCollection<SavedPaymentMethod> saved, SavedPaymentMethod method, string actor, DateOnly today, DateTimeOffset now)
    {
        EnsureMine(method);
        EnsureNotRemoved(method);
        method.MarkRemoved(now);
        var history = new List<PaymentMethodHistoryEntry> { PaymentMethodHistoryEntry.Record(method, PaymentMethodHistoryAction.Removed, actor, now) };
        if (PrimaryPaymentMethodId == method.Id)
        {
            var successor = SavedPaymentMethodRules.SuccessorOfRemovedPrimary(saved.Where(m => m.Id != method.Id), today);
            PrimaryPaymentMethodId = successor?.Id;
            history.Add(successor is null
                ? PaymentMethodHistoryEntry.Record(method, PaymentMethodHistoryAction.PrimaryCleared, actor, now)
                : PaymentMethodHistoryEntry.Record(successor, PaymentMethodHistoryAction.MadePrimary, actor, now));
        }

        Touch(now);
        return history;
    }

    private bool HasPrimary(IReadOnlyCollection<SavedPaymentMethod> saved) =>
        PrimaryPaymentMethodId is { } primary && saved.Any(m => m.Id == primary && m.RemovedAt is null);

    private void EnsureMine(SavedPaymentMethod method)
    {
        if (method.TenantId != TenantId || method.CustomerId != CustomerId || method.ProviderCustomerId != ProviderCustomerId)
        {
            throw new DomainException("payment_method_mismatch", "The payment method belongs to another customer.", DomainErrorKind.Conflict);
        }
    }

    private static void EnsureNotRemoved(SavedPaymentMethod method)
    {
        if (method.RemovedAt is not null)
        {
            throw new DomainException("payment_method_removed", "The payment method was removed.", DomainErrorKind.Conflict);
        }
    }

    private void Touch(DateTimeOffset now) => UpdatedAt = now;
}
