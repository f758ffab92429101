using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EstimateLinks;

/// <summary>
/// One proposal as the holder of an estimate link reaches it (PRODUCT.md#direct-links): the portal takes estimate
/// approvals, the token is an active link of the current tenant, and the link was sent with that proposal, which is
/// still its customer's. Anything else is not found, whichever it was.
/// </summary>
internal static class LinkedProposals
{
    /// <summary>The link and the proposal, or null.</summary>
    /// <param name="db">The context to read with.</param>
    /// <param name="links">Resolves the token.</param>
    /// <param name="settings">The tenant's portal settings.</param>
    /// <param name="token">The token= value of the link.</param>
    /// <param name="id">The proposal's id, as the caller sent it.</param>
    /// <param name="tracked">Track the proposal (for a decision).</param>
    /// <param name="now">The time to judge expiry by.</param>
    /// <param name="ct">Request aborted.</param>
    public static async Task<(EstimateLink Link, Proposal Proposal)?> FindAsync(
        IAppDbContext db, EstimateLinkResolver links, Domain.Portal.PortalSettings settings, string token, string id, bool tracked, DateTimeOffset now, CancellationToken ct)
    {
        if (!EstimateEmails.PortalOffersEstimates(settings.Enabled, settings.Features) || !Guid.TryParse(id, out var proposalId))
        {
            return null;
        }

        var link = await links.ResolveAsync(db, token, now, ct);
        if (link is null || !link.Grants(proposalId, now))
        {
            return null;
        }

        var query = tracked ? db.Set<Proposal>() : db.Set<Proposal>().AsNoTracking();
        var proposal = await query.SingleOrDefaultAsync(p => p.Id == proposalId && p.CustomerId == link.CustomerId, ct);
        return proposal is null ? null : (link, proposal);
    }

    /// <summary>Where a decision made through the link confirms itself: the customer's contacts with billing access, to whom the company sends its estimates.</summary>
    public static async Task<IReadOnlyList<string>> AddresseesAsync(IAppDbContext db, Guid customerId, CancellationToken ct)
    {
        var contacts = await db.Set<PortalContact>().AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.PortalAccessRevokedAt == null)
            .Select(c => new { c.Email, c.AccessLevel })
            .ToListAsync(ct);
        return contacts.Where(c => EstimateEmails.IsRecipient(c.AccessLevel, grantsAccess: true))
            .Select(c => c.Email).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The link's own route to a proposal (its detail; its PDF under /document).</summary>
    public static string PathOf(string token, Guid proposalId) => $"/v1/public/estimate-links/{Uri.EscapeDataString(token)}/proposals/{proposalId}";

    /// <summary>Whose Idempotency-Keys a decision through the link uses: the link's.</summary>
    public static string ScopeOf(EstimateLink link) => $"link:{link.Id}";
}
