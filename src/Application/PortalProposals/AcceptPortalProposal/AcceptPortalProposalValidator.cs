using FluentValidation;
using HeadlessPortal.Application.Proposals;

namespace HeadlessPortal.Application.PortalProposals.AcceptPortalProposal;

internal sealed class AcceptPortalProposalValidator : AbstractValidator<AcceptPortalProposalCommand>
{
    public AcceptPortalProposalValidator()
    {
        ProposalDecisionRequestRules.AddKeyRule<AcceptPortalProposalCommand>(this, x => x.IdempotencyKey);
        ProposalDecisionRequestRules.AddAcceptRules<AcceptPortalProposalCommand>(this, x => x.Body);
    }
}
