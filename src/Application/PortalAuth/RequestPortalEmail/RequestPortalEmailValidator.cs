using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.PortalAuth.RequestPortalEmail;

internal sealed class RequestPortalEmailValidator : AbstractValidator<RequestPortalEmailCommand>
{
    public RequestPortalEmailValidator() =>
        RuleFor(x => x.Email).Must(e => ContactRules.IsEmail(e?.Trim().ToLowerInvariant())).WithMessage("email must be a valid email address.");
}
