using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Proposals;
using HeadlessPortal.Domain.Billing;
using Mediator;

namespace HeadlessPortal.Application.EstimateLinks.DeclineLinkProposal;

/// <summary>The holder of an estimate link declines one of its proposals, with an optional reason; recorded as through the link.</summary>
/// <param name="Token">The token= value of the link.</param>
/// <param name="Id">The proposal's id.</param>
/// <param name="IdempotencyKey">The Idempotency-Key header.</param>
/// <param name="Body">The optional reason.</param>
/// <param name="Origin">The caller's address and browser.</param>
public sealed record DeclineLinkProposalCommand(string Token, string Id, string? IdempotencyKey, DeclineProposalRequest Body, RequestOrigin Origin)
    : ISelfTransactedCommand<Result<ProposalDecisionDto>>;

internal sealed class DeclineLinkProposalHandler(IAppDbContext db, EstimateLinkResolver links, ProposalDecider decider, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<DeclineLinkProposalCommand, Result<ProposalDecisionDto>>
{
    public async ValueTask<Result<ProposalDecisionDto>> Handle(DeclineLinkProposalCommand request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var found = await LinkedProposals.FindAsync(db, links, settings, request.Token, request.Id, tracked: true, clock.UtcNow, cancellationToken);
        if (found is not var (link, proposal))
        {
            return Error.NotFound("proposal");
        }

        return await decider.DeclineAsync(
            proposal, request.Body, DecisionOrigin.Link(link.Id, request.Origin.IpAddress, request.Origin.UserAgent), LinkedProposals.ScopeOf(link), request.IdempotencyKey!,
            cancellationToken);
    }
}
