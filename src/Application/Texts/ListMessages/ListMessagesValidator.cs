using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Texts.ListMessages;

internal sealed class ListMessagesValidator : AbstractValidator<ListMessagesQuery>
{
    public ListMessagesValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Channel).Must(c => ListMessagesQuery.Channels.Contains(c)).When(x => x.Channel is not null)
            .WithMessage("channel must be email or sms.");
        RuleFor(x => x.Status).Must(s => ListMessagesQuery.Statuses.Contains(s!, StringComparer.OrdinalIgnoreCase)).When(x => x.Status is not null)
            .WithMessage($"status must be one of {string.Join(", ", ListMessagesQuery.Statuses)}.");
    }
}
