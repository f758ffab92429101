using FluentValidation;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Application.OAuthApps.CreateOAuthApp;

internal sealed class CreateOAuthAppValidator : AbstractValidator<CreateOAuthAppCommand>
{
    public CreateOAuthAppValidator()
    {
        RuleFor(x => x.ClientType).Must(t => t is OAuthAppDto.Public or OAuthAppDto.Confidential).WithMessage("clientType is public or confidential.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(OAuthApp.NameMaxLength);
        RuleFor(x => x.RedirectUris).NotEmpty().WithMessage("redirectUris needs at least one URI.")
            .MaxItems(OAuthApp.MaxRedirectUris).WithMessage($"At most {OAuthApp.MaxRedirectUris} redirect URIs.");
        RuleForEach(x => x.RedirectUris).Must(OAuthApp.IsRedirectUri).WithMessage(OAuthAppMessages.RedirectUri);
        RuleFor(x => x.AllowedOrigins).MaxItems(PublishableKey.MaxOrigins).WithMessage($"At most {PublishableKey.MaxOrigins} origins.");
        RuleForEach(x => x.AllowedOrigins).Must(o => PublishableKey.NormalizeOrigin(o) is not null).WithMessage(OAuthAppMessages.Origin);
    }
}

/// <summary>What the validators of an app's creation and change say.</summary>
internal static class OAuthAppMessages
{
    public const string RedirectUri =
        "Each redirect URI is absolute and has no fragment: https, http only for localhost or a loopback address, or an app's own scheme such as com.example.app:/callback.";

    public const string Origin = "Each origin is scheme://host[:port] with http or https and no path, such as https://www.acme-hvac.example.";
}
