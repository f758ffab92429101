using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Payments.ListPayments;

internal sealed class ListPaymentsValidator : AbstractValidator<ListPaymentsQuery>
{
    public ListPaymentsValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Status)
            .Must((query, _) => query.StatusFilter is not null)
            .When(x => x.Status is not null)
            .WithMessage($"status must be one of {string.Join(", ", ListPaymentsQuery.StatusNames)}.");
        RuleFor(x => x.CreatedTo)
            .Must((query, to) => to > query.CreatedFrom)
            .When(x => x.CreatedFrom.HasValue && x.CreatedTo.HasValue)
            .WithMessage("createdTo must be after createdFrom.");
    }
}
