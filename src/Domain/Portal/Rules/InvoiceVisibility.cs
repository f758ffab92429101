using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#invoice-visibility: an invoice is listed when (a) its Bill-To customer is one the user has billing
/// access to, (b) it ever had a balance above zero (a $0 invoice never appears; its job still does), and (c) its
/// business unit is one the tenant made visible (an empty list makes every unit visible; when the tenant names
/// units, an invoice without a unit is not in any of them and stays hidden).
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

    /// <summary>All three together.</summary>
    public static bool IsVisible(AccessLevel? accessToBillTo, bool everHadBalance, string? businessUnitExternalId, IReadOnlyCollection<string> visibleBusinessUnitIds) =>
        BillToHasBillingAccess(accessToBillTo) && EverHadBalance(everHadBalance) && InVisibleBusinessUnit(businessUnitExternalId, visibleBusinessUnitIds);
}
