using FluentValidation;

namespace HeadlessPortal.Application.PortalAuth.RedeemEmailLink;

internal sealed class RedeemEmailLinkValidator : AbstractValidator<RedeemEmailLinkCommand>
{
    public RedeemEmailLinkValidator() => RuleFor(x => x.Token).NotEmpty().WithMessage("token is required.").MaximumLength(200);
}
