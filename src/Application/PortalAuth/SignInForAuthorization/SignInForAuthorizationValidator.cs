using FluentValidation;

namespace HeadlessPortal.Application.PortalAuth.SignInForAuthorization;

internal sealed class SignInForAuthorizationValidator : AbstractValidator<SignInForAuthorizationCommand>
{
    public SignInForAuthorizationValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.").MaximumLength(320);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(1024);
    }
}
