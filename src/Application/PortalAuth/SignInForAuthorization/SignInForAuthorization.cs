using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalAuth.SignInWithPassword;
using HeadlessPortal.Domain.PortalUsers;
using Mediator;

namespace HeadlessPortal.Application.PortalAuth.SignInForAuthorization;

/// <summary>
/// Signs a portal user in with email and password on the hosted sign-in page: starts a session, whose tokens the token
/// server then issues to the app that asked (authorization code flow). The tenant is the app's.
/// </summary>
/// <param name="Email">The user's email.</param>
/// <param name="Password">The password.</param>
public sealed record SignInForAuthorizationCommand(string Email, string Password) : ISelfTransactedCommand<Result<AuthorizedPortalUser>>;

/// <summary>Who signed in, as the token server's tokens name them.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="SessionId">The session the tokens belong to.</param>
/// <param name="Subject">The user id.</param>
public sealed record AuthorizedPortalUser(Guid TenantId, Guid SessionId, string Subject)
{
    /// <summary>The session's user, or "link:{customerId}" for a portal-link session, as every portal access token names it.</summary>
    internal static AuthorizedPortalUser Of(PortalSession session)
    {
        var claims = PortalSessionStarter.ClaimsOf(session);
        return new(claims.TenantId, claims.SessionId, claims.Subject);
    }
}

internal sealed class SignInForAuthorizationHandler(PasswordSessions passwords) : ICommandHandler<SignInForAuthorizationCommand, Result<AuthorizedPortalUser>>
{
    public async ValueTask<Result<AuthorizedPortalUser>> Handle(SignInForAuthorizationCommand request, CancellationToken cancellationToken)
    {
        // The session's own refresh token is not handed out: the app gets the token server's refresh token instead.
        var started = await passwords.StartAsync(request.Email, request.Password, cancellationToken);
        return started.IsSuccess
            ? AuthorizedPortalUser.Of(started.Value.Session)
            : started.Error!;
    }
}
