using FluentValidation;

namespace HeadlessPortal.Application.PortalAuth.SignInWithPortalLinkForAuthorization;

internal sealed class SignInWithPortalLinkForAuthorizationValidator : AbstractValidator<SignInWithPortalLinkForAuthorizationCommand>
{
    public SignInWithPortalLinkForAuthorizationValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage("Enter your portal link.").MaximumLength(200);
        RuleFor(x => x.LastFour).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the last four digits of your phone number.")
            .Matches("^[0-9]{4}$").WithMessage("Enter four digits.");
    }
}
