using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Payments;

/// <summary>What happened to a customer's saved payment method.</summary>
public enum PaymentMethodHistoryAction
{
    /// <summary>The method was saved.</summary>
    Added,

    /// <summary>The method became the primary (chosen by the customer, the first one saved, or the successor of a removed primary).</summary>
    MadePrimary,

    /// <summary>The method was removed (and detached at the provider).</summary>
    Removed,

    /// <summary>The primary was removed and no remaining method could take over: the customer has no primary now.</summary>
    PrimaryCleared,
}

/// <summary>
/// One change to a customer's saved payment methods, written in the same transaction as the change and never
/// edited afterwards (except that a summary written before the provider described the method is filled in once).
/// The office reads them newest first.
/// </summary>
public sealed class PaymentMethodHistoryEntry : ITenantOwned
{
    public const int SummaryMaxLength = 150;
    public const int ActorMaxLength = 200;

    private PaymentMethodHistoryEntry()
    {
        Summary = null!;
        Actor = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid SavedPaymentMethodId { get; private set; }

    public PaymentMethodHistoryAction Action { get; private set; }

    /// <summary>The method as people name it, such as "Visa •••• 4242".</summary>
    public string Summary { get; private set; }

    /// <summary>Who made the change: portal-user:{id}, portal-link:{session id}.</summary>
    public string Actor { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static PaymentMethodHistoryEntry Record(SavedPaymentMethod method, PaymentMethodHistoryAction action, string actor, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = method.TenantId,
        CustomerId = method.CustomerId,
        SavedPaymentMethodId = method.Id,
        Action = action,
        Summary = Bounded(method.Summary),
        Actor = Guard.Required(actor, "Actor", ActorMaxLength),
        At = now,
    };

    /// <summary>Fills in the summary of an entry written before the method's details were known; answers whether it changed.</summary>
    public bool FillInSummary(SavedPaymentMethod method)
    {
        if (method.Id != SavedPaymentMethodId || !method.IsDescribed || Summary == Bounded(method.Summary))
        {
            return false;
        }

        Summary = Bounded(method.Summary);
        return true;
    }

    private static string Bounded(string summary) => summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary;
}
