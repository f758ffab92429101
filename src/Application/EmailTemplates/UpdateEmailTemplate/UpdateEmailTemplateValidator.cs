using FluentValidation;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.EmailTemplates.UpdateEmailTemplate;

internal sealed class UpdateEmailTemplateValidator : AbstractValidator<UpdateEmailTemplateCommand>
{
    public UpdateEmailTemplateValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Subject).NotEmpty().WithMessage("subject is required.")
            .MaximumLength(EmailTemplate.SubjectMaxLength)
            .Must(s => s is null || s.AsSpan().IndexOfAny('\r', '\n') < 0).WithMessage("subject is one line.");
        RuleFor(x => x.Html).NotEmpty().WithMessage("html is required.").MaximumLength(EmailTemplate.HtmlMaxLength);
        RuleFor(x => x.Text).NotEmpty().WithMessage("text is required.").MaximumLength(EmailTemplate.TextMaxLength);
    }
}
