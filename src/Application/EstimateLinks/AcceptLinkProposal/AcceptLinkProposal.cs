using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Proposals;
using HeadlessPortal.Domain.Billing;
using Mediator;

namespace HeadlessPortal.Application.EstimateLinks.AcceptLinkProposal;

/// <summary>The holder of an estimate link accepts one option of one of its proposals, exactly as in the portal; the evidence records the link (channel "link").</summary>
/// <param name="Token">The token= value of the link.</param>
/// <param name="Id">The proposal's id.</param>
/// <param name="IdempotencyKey">The Idempotency-Key header.</param>
/// <param name="Body">The acceptance.</param>
/// <param name="Origin">The caller's address and browser.</param>
public sealed record AcceptLinkProposalCommand(string Token, string Id, string? IdempotencyKey, AcceptProposalRequest Body, RequestOrigin Origin)
    : ISelfTransactedCommand<Result<ProposalDecisionDto>>;

internal sealed class AcceptLinkProposalHandler(IAppDbContext db, EstimateLinkResolver links, ProposalDecider decider, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<AcceptLinkProposalCommand, Result<ProposalDecisionDto>>
{
    public async ValueTask<Result<ProposalDecisionDto>> Handle(AcceptLinkProposalCommand request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var found = await LinkedProposals.FindAsync(db, links, settings, request.Token, request.Id, tracked: true, clock.UtcNow, cancellationToken);
        if (found is not var (link, proposal))
        {
            return Error.NotFound("proposal");
        }

        return await decider.AcceptAsync(
            proposal, request.Body, DecisionOrigin.Link(link.Id, request.Origin.IpAddress, request.Origin.UserAgent), LinkedProposals.ScopeOf(link), request.IdempotencyKey!,
            await LinkedProposals.AddresseesAsync(db, link.CustomerId, cancellationToken), cancellationToken);
    }
}
