using FluentValidation;
using HeadlessPortal.Application.Proposals;

namespace HeadlessPortal.Application.EstimateLinks.DeclineLinkProposal;

internal sealed class DeclineLinkProposalValidator : AbstractValidator<DeclineLinkProposalCommand>
{
    public DeclineLinkProposalValidator()
    {
        ProposalDecisionRequestRules.AddKeyRule<DeclineLinkProposalCommand>(this, x => x.IdempotencyKey);
        ProposalDecisionRequestRules.AddDeclineRules<DeclineLinkProposalCommand>(this, x => x.Body);
    }
}
