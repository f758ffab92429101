using System.Security.Claims;
using System.Text.Encodings.Web;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// What the admin and portal bearer schemes share: reading "Authorization: Bearer", validating the token with the
/// token service's keys for this issuer, checking it is of the scheme's use and names a tenant, and the 401 that
/// tells a missing token from an invalid one. Each scheme checks the rest of its claims and sets up the request.
/// </summary>
internal abstract class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenValidator validator,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected IProblemDetailsService ProblemDetails => problemDetails;

    /// <summary>The token_use claim this scheme accepts.</summary>
    protected abstract string TokenUse { get; }

    /// <summary>The failure logged for a token that is not valid for this scheme.</summary>
    protected abstract string InvalidTokenFailure { get; }

    /// <summary>The 401's detail when the token was invalid, and when there was none.</summary>
    protected abstract (string Invalid, string Missing) ChallengeDetails { get; }

    private string FailureKey => $"hp.{Scheme.Name}.failed";

    protected sealed override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await validator.ValidateAsync(header[Prefix.Length..].Trim(), Issuer.From(Request), Context.RequestAborted);
        var tenantId = Guid.Empty;
        var failure = identity is null || identity.FindFirst(TokenClaims.TokenUse)?.Value != TokenUse || !Guid.TryParse(identity.FindFirst(TokenClaims.TenantId)?.Value, out tenantId)
            ? InvalidTokenFailure
            : await AcceptAsync(identity, tenantId);
        if (failure is not null)
        {
            Context.Items[FailureKey] = true;
            return AuthenticateResult.Fail(failure);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity!), Scheme.Name));
    }

    /// <summary>Checks the scheme's own claims and sets up the request for the caller; answers why not, or null when accepted.</summary>
    protected abstract Task<string?> AcceptAsync(ClaimsIdentity identity, Guid tenantId);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = Context.Items.ContainsKey(FailureKey);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
        await problemDetails.WriteAuthProblemAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            invalid ? "invalid_token" : ProblemCodes.Unauthenticated,
            invalid ? ChallengeDetails.Invalid : ChallengeDetails.Missing);
    }
}
