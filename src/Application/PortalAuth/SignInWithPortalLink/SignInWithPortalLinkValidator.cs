using FluentValidation;

namespace HeadlessPortal.Application.PortalAuth.SignInWithPortalLink;

internal sealed class SignInWithPortalLinkValidator : AbstractValidator<SignInWithPortalLinkCommand>
{
    public SignInWithPortalLinkValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage("token is required.").MaximumLength(200);
        RuleFor(x => x.LastFour).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("lastFour is required: the last four digits of a phone number on the customer record.")
            .Matches("^[0-9]{4}$").WithMessage("lastFour is four digits.");
    }
}
