using System.Security.Claims;
using System.Text.Encodings.Web;
using HeadlessPortal.Api.Errors;
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
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PortalBearer";
    public const string PolicyName = "portal-user";
    private const string FailureKey = "hp.portal-bearer.failed";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await validator.ValidateAsync(header["Bearer ".Length..].Trim(), Issuer.From(Request), Context.RequestAborted);
        var tenantId = Guid.Empty;
        var valid = identity is not null
            && identity.FindFirst(TokenClaims.TokenUse)?.Value == TokenClaims.PortalUse
            && Guid.TryParse(identity.FindFirst(TokenClaims.TenantId)?.Value, out tenantId)
            && currentTenant.Id?.Value == tenantId
            && Guid.TryParse(identity.FindFirst(TokenClaims.SessionId)?.Value, out _);
        if (!valid)
        {
            Context.Items[FailureKey] = true;
            return AuthenticateResult.Fail("The access token is not valid for this portal.");
        }

        var sessionId = Guid.Parse(identity!.FindFirst(TokenClaims.SessionId)!.Value);
        var session = await cache.SessionAsync(tenantId, sessionId, async () => await sender.Send(new GetActivePortalSessionQuery(sessionId), Context.RequestAborted));
        if (session is null)
        {
            Context.Items[FailureKey] = true;
            return AuthenticateResult.Fail("The session has ended.");
        }

        currentSession.Set(session);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = Context.Items.ContainsKey(FailureKey);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
        await problemDetails.WriteAuthProblemAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            invalid ? "invalid_token" : ProblemCodes.Unauthenticated,
            invalid
                ? "The access token is invalid or expired, or its session has ended; refresh it at POST /v1/portal/auth/refresh or sign in again."
                : "Sign in first and send the access token as 'Authorization: Bearer <token>'.");
    }
}
