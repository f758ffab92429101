using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalProposals;

/// <summary>
/// The proposals a portal user may see (PRODUCT.md#estimates): those of customers they have billing access to, while the
/// company takes estimate approvals in the portal. Anything else (unknown, another customer's, a service-only
/// customer's, another company's, or any while estimate approval is off) is not found.
/// </summary>
internal static class VisibleProposals
{
    /// <summary>The proposal when the user may see it; <paramref name="tracked"/> for a decision.</summary>
    public static async Task<Proposal?> FindAsync(IAppDbContext db, PortalViewer viewer, Domain.Portal.PortalSettings settings, string id, bool tracked, CancellationToken ct)
    {
        if (!settings.Features.EstimateApproval || !Guid.TryParse(id, out var proposalId))
        {
            return null;
        }

        var query = tracked ? db.Set<Proposal>() : db.Set<Proposal>().AsNoTracking();
        var proposal = await query.SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        return proposal is not null && await viewer.AccessToAsync(proposal.CustomerId, ct) == AccessLevel.Billing ? proposal : null;
    }
}
