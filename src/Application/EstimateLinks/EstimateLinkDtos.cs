using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Application.EstimateLinks;

/// <summary>A proposal an estimate link carries.</summary>
/// <param name="Id">Our id of the proposal.</param>
/// <param name="ExternalId">The back office's id of the proposal.</param>
public sealed record LinkedProposalDto(Guid Id, string ExternalId);

/// <summary>An estimate link as the office sees it; its token is never shown again after creation.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="CustomerId">Our id of the customer whose proposals it carries.</param>
/// <param name="CustomerExternalId">The back office's id of that customer.</param>
/// <param name="Proposals">The proposals it grants, in the order they were named.</param>
/// <param name="Status">active, expired or revoked.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">The API client that made it, or system for the link in an estimate email.</param>
/// <param name="RevokedAt">When the office revoked it.</param>
/// <param name="LastViewedAt">When someone last opened it.</param>
public sealed record EstimateLinkDto(
    Guid Id, Guid CustomerId, string CustomerExternalId, IReadOnlyList<LinkedProposalDto> Proposals, DirectLinkStatus Status, DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, DateTimeOffset? LastViewedAt)
{
    public static EstimateLinkDto From(EstimateLink link, DateTimeOffset now) => new(
        link.Id, link.CustomerId, link.CustomerExternalId, Linked(link), link.StatusAt(now), link.ExpiresAt, link.CreatedAt, link.CreatedBy, link.RevokedAt,
        link.LastViewedAt);

    internal static IReadOnlyList<LinkedProposalDto> Linked(EstimateLink link) => link.Proposals.Select(p => new LinkedProposalDto(p.Id, p.ExternalId)).ToList();
}

/// <summary>An estimate link just made: the only time its token and URL are shown.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="CustomerId">Our id of the customer whose proposals it carries.</param>
/// <param name="CustomerExternalId">The back office's id of that customer.</param>
/// <param name="Proposals">The proposals it grants.</param>
/// <param name="Url">The link to send the customer: the portal's estimate page with the token.</param>
/// <param name="Token">The token in the link (est_...).</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record CreatedEstimateLinkDto(
    Guid Id, Guid CustomerId, string CustomerExternalId, IReadOnlyList<LinkedProposalDto> Proposals, string Url, string Token, DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt);
