using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalAuth.RedeemEmailLink;
using HeadlessPortal.Application.PortalAuth.SignInForAuthorization;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;

namespace HeadlessPortal.Application.PortalAuth.RedeemMagicLinkForAuthorization;

/// <summary>
/// Spends a magic link opened from the hosted sign-in page's email and starts a session, whose tokens the token server
/// then issues to the app that asked. The same rules as the JSON magic-link redemption; the tenant is the app's.
/// </summary>
/// <param name="Token">The link's token.</param>
public sealed record RedeemMagicLinkForAuthorizationCommand(string Token) : ISelfTransactedCommand<Result<AuthorizedPortalUser>>;

internal sealed class RedeemMagicLinkForAuthorizationHandler(EmailLinkSessions links)
    : ICommandHandler<RedeemMagicLinkForAuthorizationCommand, Result<AuthorizedPortalUser>>
{
    public async ValueTask<Result<AuthorizedPortalUser>> Handle(RedeemMagicLinkForAuthorizationCommand request, CancellationToken cancellationToken)
    {
        var started = await links.StartAsync(PortalTokenPurpose.MagicLink, request.Token, password: null, cancellationToken);
        return started.IsSuccess ? AuthorizedPortalUser.Of(started.Value.Session) : started.Error!;
    }
}
