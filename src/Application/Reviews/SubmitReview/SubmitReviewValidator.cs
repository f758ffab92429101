using FluentValidation;
using HeadlessPortal.Domain.Reviews;

namespace HeadlessPortal.Application.Reviews.SubmitReview;

internal sealed class SubmitReviewValidator : AbstractValidator<SubmitReviewCommand>
{
    public SubmitReviewValidator()
    {
        RuleFor(x => x.Body.Rating).NotNull().WithMessage("rating is required: 1 to 5.")
            .InclusiveBetween(ReviewRules.MinRating, ReviewRules.MaxRating).WithMessage("rating is 1 to 5.").OverridePropertyName("rating");
        RuleFor(x => x.Body.Comment).MaximumLength(ReviewRules.CommentMaxLength).WithMessage($"comment has at most {ReviewRules.CommentMaxLength} characters.")
            .OverridePropertyName("comment");
    }
}
