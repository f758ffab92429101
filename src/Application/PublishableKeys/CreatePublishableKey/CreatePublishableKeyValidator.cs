using FluentValidation;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Application.Common.Validation;

namespace HeadlessPortal.Application.PublishableKeys.CreatePublishableKey;

internal sealed class CreatePublishableKeyValidator : AbstractValidator<CreatePublishableKeyCommand>
{
    public CreatePublishableKeyValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(PublishableKey.NameMaxLength);
        RuleFor(x => x.AllowedOrigins).NotNull().WithMessage("allowedOrigins is required (it may be empty).")
            .MaxItems(PublishableKey.MaxOrigins).WithMessage($"At most {PublishableKey.MaxOrigins} origins.");
        RuleForEach(x => x.AllowedOrigins)
            .Must(o => PublishableKey.NormalizeOrigin(o) is not null)
            .WithMessage("Each origin is scheme://host[:port] with http or https and no path, such as https://www.acme-hvac.example.");
        RuleFor(x => x.Key).Matches("^pk_[A-Za-z0-9_]{3,61}$").When(x => x.Key is not null)
            .WithMessage("key starts with pk_ followed by 3 to 61 letters, digits or underscores.");
    }
}
