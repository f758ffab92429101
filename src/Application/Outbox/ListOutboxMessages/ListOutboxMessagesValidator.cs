using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Outbox.ListOutboxMessages;

internal sealed class ListOutboxMessagesValidator : AbstractValidator<ListOutboxMessagesQuery>
{
    public ListOutboxMessagesValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Status)
            .Must((query, _) => query.StatusFilter is not null)
            .When(x => x.Status is not null)
            .WithMessage($"status must be one of {string.Join(", ", ListOutboxMessagesQuery.StatusNames)}.");
    }
}
