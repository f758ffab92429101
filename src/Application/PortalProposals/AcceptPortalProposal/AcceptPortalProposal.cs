using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Proposals;
using HeadlessPortal.Domain.Billing;
using Mediator;

namespace HeadlessPortal.Application.PortalProposals.AcceptPortalProposal;

/// <summary>The signed-in user accepts one option of a proposal with a signature (not in the mediator's transaction: the decider saves, and answers a lost race).</summary>
public sealed record AcceptPortalProposalCommand(string Id, string? IdempotencyKey, AcceptProposalRequest Body, RequestOrigin Origin)
    : ISelfTransactedCommand<Result<ProposalDecisionDto>>;

internal sealed class AcceptPortalProposalHandler(IAppDbContext db, PortalViewer viewer, ProposalDecider decider, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<AcceptPortalProposalCommand, Result<ProposalDecisionDto>>
{
    public async ValueTask<Result<ProposalDecisionDto>> Handle(AcceptPortalProposalCommand request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var proposal = await VisibleProposals.FindAsync(db, viewer, settings, request.Id, tracked: true, cancellationToken);
        if (proposal is null)
        {
            return Error.NotFound("proposal");
        }

        var session = viewer.Session;
        return await decider.AcceptAsync(
            proposal, request.Body, DecisionOrigin.Portal(session.UserId, request.Origin.IpAddress, request.Origin.UserAgent), ScopeOf(session), request.IdempotencyKey!,
            session.Email is { } email ? [email] : [], cancellationToken);
    }

    /// <summary>Whose keys these are: the user's, or the session's for a portal-link session.</summary>
    internal static string ScopeOf(PortalSessionInfo session) => session.UserId is { } userId ? $"user:{userId}" : $"session:{session.SessionId}";
}
