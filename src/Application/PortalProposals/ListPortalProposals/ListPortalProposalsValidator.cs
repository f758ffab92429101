using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalProposals.ListPortalProposals;

internal sealed class ListPortalProposalsValidator : AbstractValidator<ListPortalProposalsQuery>
{
    public ListPortalProposalsValidator()
    {
        RuleFor(x => x.Limit)
            .InclusiveBetween(1, PageLimits.Max)
            .When(x => x.Limit.HasValue)
            .WithMessage($"limit must be between 1 and {PageLimits.Max}.");
        RuleFor(x => x.After)
            .Must(after => ProposalKey.TryDecode(after, out _))
            .When(x => x.After is not null)
            .WithMessage("after must be a nextCursor value returned by this list.");
        RuleFor(x => x.Status)
            .Must(s => PortalProposalStatus.All.Contains(s!))
            .When(x => x.Status is not null)
            .WithMessage("status must be open, accepted, declined or expired.");
    }
}
