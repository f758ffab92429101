using FluentValidation;

namespace HeadlessPortal.Application.PortalAuth.RefreshPortalTokens;

internal sealed class RefreshPortalTokensValidator : AbstractValidator<RefreshPortalTokensCommand>
{
    public RefreshPortalTokensValidator() =>
        RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("refreshToken is required.").MaximumLength(4096);
}
