using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalAuth.SignInForAuthorization;
using HeadlessPortal.Application.PortalAuth.SignInWithPortalLink;
using Mediator;

namespace HeadlessPortal.Application.PortalAuth.SignInWithPortalLinkForAuthorization;

/// <summary>
/// Signs a customer in on the hosted sign-in page with a portal link and the last four digits of a phone number on the
/// customer record: starts a session, whose tokens the token server then issues to the app that asked. The same rules,
/// tries and lock as the JSON portal-link sign-in; the tenant is the app's.
/// </summary>
/// <param name="Token">The token= value of the portal link.</param>
/// <param name="LastFour">Four digits.</param>
public sealed record SignInWithPortalLinkForAuthorizationCommand(string Token, string LastFour) : ISelfTransactedCommand<Result<AuthorizedPortalUser>>;

internal sealed class SignInWithPortalLinkForAuthorizationHandler(PortalLinkSessions links)
    : ICommandHandler<SignInWithPortalLinkForAuthorizationCommand, Result<AuthorizedPortalUser>>
{
    public async ValueTask<Result<AuthorizedPortalUser>> Handle(SignInWithPortalLinkForAuthorizationCommand request, CancellationToken cancellationToken)
    {
        var started = await links.StartAsync(request.Token, request.LastFour, cancellationToken);
        return started.IsSuccess ? AuthorizedPortalUser.Of(started.Value.Session) : started.Error!;
    }
}
