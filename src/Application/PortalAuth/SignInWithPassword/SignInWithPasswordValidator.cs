using FluentValidation;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.PortalAuth.SignInWithPassword;

internal sealed class SignInWithPasswordValidator : AbstractValidator<SignInWithPasswordCommand>
{
    public SignInWithPasswordValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("email is required.").MaximumLength(ContactRules.EmailMaxLength);
        RuleFor(x => x.Password).NotEmpty().WithMessage("password is required.").MaximumLength(PasswordRules.MaxLength * 4);
    }
}
