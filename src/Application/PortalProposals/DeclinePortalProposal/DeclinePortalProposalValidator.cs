using FluentValidation;
using HeadlessPortal.Application.Proposals;

namespace HeadlessPortal.Application.PortalProposals.DeclinePortalProposal;

internal sealed class DeclinePortalProposalValidator : AbstractValidator<DeclinePortalProposalCommand>
{
    public DeclinePortalProposalValidator()
    {
        ProposalDecisionRequestRules.AddKeyRule<DeclinePortalProposalCommand>(this, x => x.IdempotencyKey);
        ProposalDecisionRequestRules.AddDeclineRules<DeclinePortalProposalCommand>(this, x => x.Body);
    }
}
