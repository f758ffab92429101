using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Domain.Portal.Rules;

/// <summary>
/// PRODUCT.md#direct-links: when the back office sends an estimate (estimate.sent), the customer's billing contacts get
/// it by email with an estimate link, while the portal takes estimate approvals.
/// </summary>
public static class EstimateEmails
{
    /// <summary>The portal is on and takes estimate approvals.</summary>
    public static bool PortalOffersEstimates(bool portalEnabled, PortalFeatures features) => portalEnabled && features.EstimateApproval;

    /// <summary>Only an open proposal is worth sending (a sync may have accepted, declined or expired it since).</summary>
    public static bool ProposalQualifies(ProposalStatus status) => status == ProposalStatus.Open;

    /// <summary>A portal contact of the proposal's customer receives it when the contact grants billing access (estimates need it).</summary>
    public static bool IsRecipient(AccessLevel accessLevel, bool grantsAccess) =>
        grantsAccess && BillingAccess.CanSee(accessLevel, CustomerRecordKind.Estimate);

    /// <summary>All of it: whether the email goes out at all.</summary>
    public static bool ShouldSend(bool portalEnabled, PortalFeatures features, ProposalStatus status) =>
        PortalOffersEstimates(portalEnabled, features) && ProposalQualifies(status);
}
