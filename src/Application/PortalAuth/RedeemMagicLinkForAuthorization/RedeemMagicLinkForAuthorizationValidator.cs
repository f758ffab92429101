using FluentValidation;

namespace HeadlessPortal.Application.PortalAuth.RedeemMagicLinkForAuthorization;

internal sealed class RedeemMagicLinkForAuthorizationValidator : AbstractValidator<RedeemMagicLinkForAuthorizationCommand>
{
    public RedeemMagicLinkForAuthorizationValidator() => RuleFor(x => x.Token).NotEmpty().WithMessage("token is required.").MaximumLength(200);
}
