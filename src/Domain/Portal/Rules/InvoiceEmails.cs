using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// When the back office sends an invoice, who gets it by email with its payment link: only while customers can use
/// the portal to see and pay it (portal on, invoice &amp; payment on), only for an invoice customers may see that asks
/// for money (<see cref="InvoiceVisibility"/>: ever had a balance, visible business unit; and a balance due now),
/// and only to the Bill-To customer's portal contacts with billing access (<see cref="BillingAccess"/>).
/// </summary>
public static class InvoiceEmails
{
    /// <summary>The portal is on and offers invoice &amp; payment.</summary>
    public static bool PortalOffersInvoices(bool portalEnabled, PortalFeatures features) => portalEnabled && features.InvoicePayment;

    /// <summary>Customers could see the invoice, and something is due.</summary>
    public static bool InvoiceQualifies(bool everHadBalance, long balance, string? businessUnitExternalId, IReadOnlyCollection<string> visibleBusinessUnitIds) =>
        InvoiceVisibility.EverHadBalance(everHadBalance)
        && InvoiceVisibility.InVisibleBusinessUnit(businessUnitExternalId, visibleBusinessUnitIds)
        && Payable.HasBalanceDue(balance);

    /// <summary>A portal contact of the Bill-To customer receives it when the contact grants billing access.</summary>
    public static bool IsRecipient(AccessLevel accessLevel, bool grantsAccess) =>
        grantsAccess && BillingAccess.CanSee(accessLevel, CustomerRecordKind.Invoice);

    /// <summary>All of it: whether the email goes out at all.</summary>
    public static bool ShouldSend(bool portalEnabled, PortalFeatures features, bool everHadBalance, long balance, string? businessUnitExternalId, IReadOnlyCollection<string> visibleBusinessUnitIds) =>
        PortalOffersInvoices(portalEnabled, features) && InvoiceQualifies(everHadBalance, balance, businessUnitExternalId, visibleBusinessUnitIds);
}
