using FluentValidation;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.TextTemplates.UpdateTextTemplate;

internal sealed class UpdateTextTemplateValidator : AbstractValidator<UpdateTextTemplateCommand>
{
    public UpdateTextTemplateValidator()
    {
        RuleFor(x => x.Body).NotEmpty().MaximumLength(TextTemplate.BodyMaxLength);
        RuleFor(x => x.Body)
            .Must((command, body) => TextMilestones.UnknownPlaceholders(command.Milestone, body).Count == 0)
            .When(x => !string.IsNullOrEmpty(x.Body) && TextMilestones.All.Contains(x.Milestone))
            .WithMessage(command => $"body uses placeholders this milestone does not offer: {string.Join(", ", TextMilestones.UnknownPlaceholders(command.Milestone, command.Body))}. " +
                $"It offers {string.Join(", ", TextMilestones.Placeholders(command.Milestone))}.");
    }
}
