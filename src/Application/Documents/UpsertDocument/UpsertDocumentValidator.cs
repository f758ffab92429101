using FluentValidation;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Documents;

namespace HeadlessPortal.Application.Documents.UpsertDocument;

internal sealed class UpsertDocumentValidator : AbstractValidator<UpsertDocumentCommand>
{
    public UpsertDocumentValidator()
    {
        RuleFor(x => x.ExternalId).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.JobId).NotEmpty().WithMessage("jobId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Kind).NotNull().WithMessage("kind is required: photo, form or document.").IsInEnum();
        RuleFor(x => x.Title).MaximumLength(Document.TitleMaxLength);
        RuleFor(x => x.FileName).NotEmpty().WithMessage("fileName is required.").MaximumLength(Document.FileNameMaxLength)
            .Must(n => n is null || n.IndexOfAny(['/', '\\']) < 0).WithMessage("fileName is a name, not a path.");
    }
}
