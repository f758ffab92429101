using FluentValidation;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.EstimateLinks.CreateEstimateLink;

internal sealed class CreateEstimateLinkValidator : AbstractValidator<CreateEstimateLinkCommand>
{
    public CreateEstimateLinkValidator(IOptions<EstimateLinkOptions> options)
    {
        var max = options.Value.MaxDays;
        RuleFor(x => x.ProposalIds).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("proposalIds is required.")
            .NotEmpty().WithMessage($"proposalIds has 1 to {EstimateLink.MaxProposals} ids.")
            .MaxItems(EstimateLink.MaxProposals).WithMessage($"proposalIds has 1 to {EstimateLink.MaxProposals} ids.")
            .Must(ids => ids!.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= Limits.ExternalIdMaxLength))
            .WithMessage($"Each of proposalIds is a back-office id of 1 to {Limits.ExternalIdMaxLength} characters.")
            .Must(ids => ids!.Distinct(StringComparer.Ordinal).Count() == ids!.Count).WithMessage("proposalIds names each proposal once.");
        // A declared range (not a predicate), so the contract states it; the same range as DirectLinks.LifetimeAllowed.
        RuleFor(x => x.ExpiresInDays).InclusiveBetween(DirectLinks.MinLifetimeDays, max).WithMessage($"expiresInDays must be between {DirectLinks.MinLifetimeDays} and {max}.");
    }
}
