using System.Security.Claims;
using System.Text.Encodings.Web;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalAuth.GetActivePortalSession;
using HeadlessPortal.Infrastructure.Auth;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// Authenticates portal users by the access token from a portal sign-in. The token must be a portal token of
/// the tenant the X-Portal-Key (or host) names, and the session it names must still be open: sign-out,
/// revocation and refresh-token reuse end a session, and its access tokens stop working at once.
/// </summary>
internal sealed class PortalBearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenValidator validator,
    ICurrentTenant currentTenant,
    CurrentPortalSession currentSession,
    ISender sender,
    PortalReadCache cache,
    IProblemDetailsService problemDetails)
    : BearerAuthenticationHandler(options, logger, encoder, validator, problemDetails)
{
    public const string SchemeName = "PortalBearer";
    public const string PolicyName = "portal-user";

    protected override string TokenUse => TokenClaims.PortalUse;

    protected override string InvalidTokenFailure => "The access token is not valid for this portal.";

    protected override (string Invalid, string Missing) ChallengeDetails =>
        ("The access token is invalid or expired, or its session has ended; refresh it at POST /v1/portal/auth/refresh or sign in again.",
         "Sign in first and send the access token as 'Authorization: Bearer <token>'.");

    protected override async Task<string?> AcceptAsync(ClaimsIdentity identity, Guid tenantId)
    {
        if (currentTenant.Id?.Value != tenantId || !Guid.TryParse(identity.FindFirst(TokenClaims.SessionId)?.Value, out var sessionId))
        {
            return InvalidTokenFailure;
        }

        var session = await cache.SessionAsync(tenantId, sessionId, async () => await sender.Send(new GetActivePortalSessionQuery(sessionId), Context.RequestAborted));
        if (session is null)
        {
            return "The session has ended.";
        }

        currentSession.Set(session);
        return null;
    }
}
