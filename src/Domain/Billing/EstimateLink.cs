using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Billing;

/// <summary>
/// A direct estimate link (PRODUCT.md#direct-links): whoever holds its token may see the proposals it was sent with,
/// all of one customer, without an account, until it expires or the office revokes it. Only the token's hash is kept;
/// the token is shown once, when the link is made.
/// </summary>
public sealed class EstimateLink : ITenantOwned
{
    /// <summary>Tokens look like est_ followed by 256 random bits, base64url.</summary>
    public const string TokenPrefix = "est_";

    public const int CreatedByMaxLength = 100;

    /// <summary>The most proposals one link may carry.</summary>
    public const int MaxProposals = 20;

    /// <summary>The code of the refusal when a proposal named is not the link's customer's (or is unknown).</summary>
    public const string ProposalOfAnotherCustomer = "proposal_not_of_customer";

    private List<Ref> _proposals = [];

    private EstimateLink()
    {
        CustomerExternalId = null!;
        TokenHash = null!;
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The customer whose proposals the link grants.</summary>
    public Guid CustomerId { get; private set; }

    public string CustomerExternalId { get; private set; }

    /// <summary>The proposals the link grants, in the order the office named them.</summary>
    public IReadOnlyList<Ref> Proposals => _proposals;

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The API client that made it, or "system" for the estimate email.</summary>
    public string CreatedBy { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>When someone last opened it.</summary>
    public DateTimeOffset? LastViewedAt { get; private set; }

    /// <summary>The outbox message whose email carried the link, when an email made it: handling that message again finds the link instead of making another.</summary>
    public Guid? SourceMessageId { get; private set; }

    /// <summary>
    /// A link to <paramref name="proposals"/> of <paramref name="customer"/> that works for <paramref name="lifetime"/> from now.
    /// Rules: one to <see cref="MaxProposals"/> proposals, each once, every one of them the customer's.
    /// </summary>
    public static EstimateLink Create(
        TenantId tenantId, Ref customer, IReadOnlyList<(Ref Proposal, Guid CustomerId)> proposals, string tokenHash, string createdBy, TimeSpan lifetime,
        DateTimeOffset now, Guid? sourceMessageId = null)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new DomainException("invalid_lifetime", "An estimate link works for some time after it is made.");
        }

        if (proposals.Count is 0 or > MaxProposals || proposals.Select(p => p.Proposal.Id).Distinct().Count() != proposals.Count)
        {
            throw new DomainException("invalid_proposals", $"An estimate link carries 1 to {MaxProposals} different proposals.");
        }

        if (proposals.Any(p => p.CustomerId != customer.Id))
        {
            throw new DomainException(ProposalOfAnotherCustomer, "An estimate link carries only proposals of its customer.");
        }

        return new EstimateLink
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            CustomerId = customer.Id,
            CustomerExternalId = customer.ExternalId,
            _proposals = proposals.Select(p => p.Proposal).ToList(),
            TokenHash = Guard.Required(tokenHash, "Token hash", 100),
            CreatedAt = now,
            CreatedBy = Guard.Required(createdBy, "Created by", CreatedByMaxLength),
            ExpiresAt = now + lifetime,
            SourceMessageId = sourceMessageId,
        };
    }

    public DirectLinkStatus StatusAt(DateTimeOffset now) => DirectLinks.Status(ExpiresAt, RevokedAt, now);

    /// <summary>Whether the link lets its holder see <paramref name="proposalId"/> now: one of its proposals, while it works.</summary>
    public bool Grants(Guid proposalId, DateTimeOffset now) =>
        _proposals.Any(p => p.Id == proposalId) && StatusAt(now) == DirectLinkStatus.Active;

    /// <summary>Withdraws the link; answers false when it already was (the first revocation's time stays).</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }
}
