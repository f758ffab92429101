using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalProposals.AcceptPortalProposal;
using HeadlessPortal.Application.Proposals;
using HeadlessPortal.Domain.Billing;
using Mediator;

namespace HeadlessPortal.Application.PortalProposals.DeclinePortalProposal;

/// <summary>The signed-in user declines a proposal, with an optional reason.</summary>
public sealed record DeclinePortalProposalCommand(string Id, string? IdempotencyKey, DeclineProposalRequest Body, RequestOrigin Origin)
    : ISelfTransactedCommand<Result<ProposalDecisionDto>>;

internal sealed class DeclinePortalProposalHandler(IAppDbContext db, PortalViewer viewer, ProposalDecider decider, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<DeclinePortalProposalCommand, Result<ProposalDecisionDto>>
{
    public async ValueTask<Result<ProposalDecisionDto>> Handle(DeclinePortalProposalCommand request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var proposal = await VisibleProposals.FindAsync(db, viewer, settings, request.Id, tracked: true, cancellationToken);
        if (proposal is null)
        {
            return Error.NotFound("proposal");
        }

        var session = viewer.Session;
        return await decider.DeclineAsync(
            proposal, request.Body, DecisionOrigin.Portal(session.UserId, request.Origin.IpAddress, request.Origin.UserAgent),
            AcceptPortalProposalHandler.ScopeOf(session), request.IdempotencyKey!, cancellationToken);
    }
}
