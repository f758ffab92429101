using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#invoice-visibility: an invoice is listed when (a) its Bill-To customer is one the user has billing
/// access to, (b) it ever had a balance above zero (a $0 invoice never appears; its job still does), and (c) its
/// business unit is one the tenant made visible (an empty list makes every unit visible; when the tenant names
/// units, an invoice without a unit is not in any of them and stays hidden); and customers see invoices at all only
/// while the tenant's invoice &amp; payment feature is on (<see cref="InvoicesShown"/>).
/// </summary>
public static class InvoiceVisibility
{
    /// <summary>(a) The user's access to the Bill-To customer is billing.</summary>
    public static bool BillToHasBillingAccess(AccessLevel? accessToBillTo) => accessToBillTo == AccessLevel.Billing;

    /// <summary>(b) Only invoices that ever asked for money appear.</summary>
    public static bool EverHadBalance(bool everHadBalance) => everHadBalance;

    /// <summary>(c) The invoice's business unit (external id) is visible to customers.</summary>
    public static bool InVisibleBusinessUnit(string? businessUnitExternalId, IReadOnlyCollection<string> visibleBusinessUnitIds) =>
        visibleBusinessUnitIds.Count == 0
        || (businessUnitExternalId is not null && visibleBusinessUnitIds.Contains(businessUnitExternalId, StringComparer.Ordinal));

    /// <summary>The invoice &amp; payment feature decides whether customers see invoices (and pay them): off, no invoice is shown.</summary>
    public static bool InvoicesShown(PortalFeatures features) => features.InvoicePayment;

    /// <summary>What a customer is shown: the feature is on, and the invoice is visible (<see cref="IsVisible"/>).</summary>
    public static bool IsShown(PortalFeatures features, AccessLevel? accessToBillTo, bool everHadBalance, string? businessUnitExternalId, IReadOnlyCollection<string> visibleBusinessUnitIds) =>
        InvoicesShown(features) && IsVisible(accessToBillTo, everHadBalance, businessUnitExternalId, visibleBusinessUnitIds);

    /// <summary>All three together (whatever the feature: paying an invoice while it is off is refused as invoice_payment_off).</summary>
    public static bool IsVisible(AccessLevel? accessToBillTo, bool everHadBalance, string? businessUnitExternalId, IReadOnlyCollection<string> visibleBusinessUnitIds) =>
        BillToHasBillingAccess(accessToBillTo) && EverHadBalance(everHadBalance) && InVisibleBusinessUnit(businessUnitExternalId, visibleBusinessUnitIds);
}
