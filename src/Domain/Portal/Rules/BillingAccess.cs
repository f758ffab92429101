using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#billing-access: a user sees jobs, appointments, equipment, agreements and memberships of every
/// customer they can access; invoices, payments, saved payment methods and estimates only where their access is
/// billing. Without billing access a completed job still shows its invoice summary text, never the invoice.
/// </summary>
public static class BillingAccess
{
    /// <summary>What of a customer's records a user with <paramref name="level"/> may see.</summary>
    public static bool CanSee(AccessLevel level, CustomerRecordKind kind) => kind switch
    {
        CustomerRecordKind.Invoice or CustomerRecordKind.Payment or CustomerRecordKind.SavedPaymentMethod or CustomerRecordKind.Estimate
            => level == AccessLevel.Billing,
        _ => true,
    };

    /// <summary>The access a user has to a customer through several contacts: billing wins over service only.</summary>
    public static AccessLevel Combine(IEnumerable<AccessLevel> levels) =>
        levels.Any(l => l == AccessLevel.Billing) ? AccessLevel.Billing : AccessLevel.ServiceOnly;
}

/// <summary>The kinds of customer records the portal shows.</summary>
public enum CustomerRecordKind
{
    Job,
    Appointment,
    Location,
    Equipment,
    Agreement,
    Membership,
    Document,

    /// <summary>The invoice summary text on a completed job, which service-only users also see.</summary>
    InvoiceSummary,
    Invoice,
    Payment,
    SavedPaymentMethod,
    Estimate,
}
