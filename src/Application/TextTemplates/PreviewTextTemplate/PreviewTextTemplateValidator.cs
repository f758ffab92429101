using FluentValidation;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.TextTemplates.PreviewTextTemplate;

internal sealed class PreviewTextTemplateValidator : AbstractValidator<PreviewTextTemplateQuery>
{
    public PreviewTextTemplateValidator()
    {
        RuleFor(x => x.Body).MaximumLength(TextTemplate.BodyMaxLength);
        RuleFor(x => x.Body)
            .Must((query, body) => TextMilestones.UnknownPlaceholders(query.Milestone, body!).Count == 0)
            .When(x => !string.IsNullOrEmpty(x.Body) && TextMilestones.All.Contains(x.Milestone))
            .WithMessage(query => $"body uses placeholders this milestone does not offer: {string.Join(", ", TextMilestones.UnknownPlaceholders(query.Milestone, query.Body!))}.");
    }
}
