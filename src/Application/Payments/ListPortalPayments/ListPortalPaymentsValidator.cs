using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Payments.ListPortalPayments;

internal sealed class ListPortalPaymentsValidator : AbstractValidator<ListPortalPaymentsQuery>
{
    public ListPortalPaymentsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).When(x => x.Limit.HasValue).WithMessage($"limit must be between 1 and {PageLimits.Max}.");
        RuleFor(x => x.After).Must(a => Guid.TryParse(a, out _)).When(x => x.After is not null).WithMessage("after must be a nextCursor value returned by this list.");
    }
}
