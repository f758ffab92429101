using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.EstimateLinks;

/// <summary>
/// Finds the estimate link a token belongs to. Unknown, expired and revoked tokens and tokens of another tenant all
/// answer null alike, so a caller answers them with the same 404 and never says which it was.
/// </summary>
public sealed class EstimateLinkResolver(ISecrets secrets)
{
    /// <summary>
    /// The active link of the current tenant (the tenant query filter applies) whose token is <paramref name="token"/>,
    /// read without tracking; or null. A link is not single use: it keeps working until it expires or is revoked.
    /// </summary>
    /// <param name="db">The context to read with.</param>
    /// <param name="token">The token= value of the link (est_...).</param>
    /// <param name="now">The time to judge expiry by.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<EstimateLink?> ResolveAsync(IAppDbContext db, string token, DateTimeOffset now, CancellationToken ct)
    {
        if (DirectLinkTokens.HashOf(secrets, token, EstimateLink.TokenPrefix) is not { } hash)
        {
            return null;
        }

        var link = await db.Set<EstimateLink>().AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        return link is not null && link.StatusAt(now) == DirectLinkStatus.Active ? link : null;
    }
}

/// <summary>A link just made: the only moment its token exists outside the holder's hands.</summary>
internal sealed record IssuedEstimateLink(EstimateLink Link, string Token, string Url);

/// <summary>Makes estimate links: a 256-bit token (only its hash stored), and the URL of the front end's estimate page.</summary>
internal sealed class EstimateLinkIssuer(IAppDbContext db, ISecrets secrets, PortalEmails emails, IOptions<PortalOptions> options)
{
    /// <summary>Adds the link to the context (the caller saves) and answers it with its token and URL.</summary>
    public async Task<IssuedEstimateLink> IssueAsync(
        TenantId tenantId, Ref customer, IReadOnlyList<(Ref Proposal, Guid CustomerId)> proposals, string createdBy, int expiresInDays, DateTimeOffset now,
        Guid? sourceMessageId, CancellationToken ct)
    {
        var (token, hash) = DirectLinkTokens.New(secrets, EstimateLink.TokenPrefix);
        var link = EstimateLink.Create(tenantId, customer, proposals, hash, createdBy, TimeSpan.FromDays(expiresInDays), now, sourceMessageId);
        db.Set<EstimateLink>().Add(link);
        var url = PortalEmails.Link(await emails.PortalUrlAsync(tenantId, ct), options.Value.Links.EstimateLinkPath, token);
        return new IssuedEstimateLink(link, token, url);
    }
}
