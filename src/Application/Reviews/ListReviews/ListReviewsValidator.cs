using FluentValidation;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Reviews;

namespace HeadlessPortal.Application.Reviews.ListReviews;

internal sealed class ListReviewsValidator : AbstractValidator<ListReviewsQuery>
{
    public ListReviewsValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Rating).InclusiveBetween(ReviewRules.MinRating, ReviewRules.MaxRating).When(x => x.Rating is not null).WithMessage("rating is 1 to 5.");
        RuleFor(x => x.CustomerId).MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.CreatedTo).GreaterThan(x => x.CreatedFrom).When(x => x.CreatedFrom is not null && x.CreatedTo is not null)
            .WithMessage("createdTo is after createdFrom.");
    }
}
