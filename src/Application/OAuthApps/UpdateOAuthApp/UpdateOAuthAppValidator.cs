using FluentValidation;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Application.OAuthApps.CreateOAuthApp;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Application.OAuthApps.UpdateOAuthApp;

internal sealed class UpdateOAuthAppValidator : AbstractValidator<UpdateOAuthAppCommand>
{
    public UpdateOAuthAppValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(OAuthApp.NameMaxLength);
        RuleFor(x => x.RedirectUris).NotEmpty().WithMessage("redirectUris needs at least one URI.")
            .MaxItems(OAuthApp.MaxRedirectUris).WithMessage($"At most {OAuthApp.MaxRedirectUris} redirect URIs.");
        RuleForEach(x => x.RedirectUris).Must(OAuthApp.IsRedirectUri).WithMessage(OAuthAppMessages.RedirectUri);
        RuleFor(x => x.AllowedOrigins).MaxItems(PublishableKey.MaxOrigins).WithMessage($"At most {PublishableKey.MaxOrigins} origins.");
        RuleForEach(x => x.AllowedOrigins).Must(o => PublishableKey.NormalizeOrigin(o) is not null).WithMessage(OAuthAppMessages.Origin);
    }
}
