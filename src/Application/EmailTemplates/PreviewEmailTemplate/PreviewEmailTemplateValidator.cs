using FluentValidation;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.EmailTemplates.PreviewEmailTemplate;

internal sealed class PreviewEmailTemplateValidator : AbstractValidator<PreviewEmailTemplateQuery>
{
    public PreviewEmailTemplateValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Subject).MaximumLength(EmailTemplate.SubjectMaxLength);
        RuleFor(x => x.Html).MaximumLength(EmailTemplate.HtmlMaxLength);
        RuleFor(x => x.Text).MaximumLength(EmailTemplate.TextMaxLength);
    }
}
