using FluentValidation;
using HeadlessPortal.Application.Proposals;

namespace HeadlessPortal.Application.EstimateLinks.AcceptLinkProposal;

internal sealed class AcceptLinkProposalValidator : AbstractValidator<AcceptLinkProposalCommand>
{
    public AcceptLinkProposalValidator()
    {
        ProposalDecisionRequestRules.AddKeyRule<AcceptLinkProposalCommand>(this, x => x.IdempotencyKey);
        ProposalDecisionRequestRules.AddAcceptRules<AcceptLinkProposalCommand>(this, x => x.Body);
    }
}
