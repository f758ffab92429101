using System.Security.Claims;
using System.Text.Encodings.Web;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// Authenticates Admin API calls by a bearer access token from POST /oauth/token. The tenant of the
/// request always comes from the token, never from the URL or body.
/// </summary>
internal sealed class AdminBearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenValidator validator,
    CurrentTenant currentTenant,
    CurrentActor currentActor,
    IProblemDetailsService problemDetails)
    : BearerAuthenticationHandler(options, logger, encoder, validator, problemDetails)
{
    public const string SchemeName = "Bearer";

    protected override string TokenUse => TokenClaims.AdminUse;

    protected override string InvalidTokenFailure => "The access token is not valid.";

    protected override (string Invalid, string Missing) ChallengeDetails =>
        ("The access token is invalid or expired; get a new one from POST /oauth/token.", "Send an access token from POST /oauth/token as 'Authorization: Bearer <token>'.");

    protected override Task<string?> AcceptAsync(ClaimsIdentity identity, Guid tenantId)
    {
        var client = identity.FindFirst(TokenClaims.ClientId)?.Value;
        if (string.IsNullOrEmpty(client))
        {
            return Task.FromResult<string?>(InvalidTokenFailure);
        }

        currentTenant.Set(new TenantId(tenantId));
        currentActor.Set(client);
        return Task.FromResult<string?>(null);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
        await ProblemDetails.WriteAuthProblemAsync(Context, StatusCodes.Status403Forbidden, "insufficient_scope", $"The access token lacks the scope this endpoint needs: {scope}.");
    }
}

/// <summary>The problem document an authentication handler answers with when it challenges or forbids.</summary>
internal static class AuthProblems
{
    public static Task WriteAuthProblemAsync(this IProblemDetailsService problemDetails, HttpContext http, int status, string code, string detail) =>
        problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Detail = detail, Extensions = { [ProblemDetailsSetup.CodeKey] = code } },
        }).AsTask();
}

/// <summary>The scope an Admin API endpoint requires; also read by the OpenAPI document.</summary>
public sealed record RequiredScope(string Scope)
{
    public static string PolicyName(string scope) => "scope:" + scope;
}

internal static class ScopeAuthorization
{
    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
        {
            builder.AddPolicy(RequiredScope.PolicyName(scope), policy => policy
                .AddAuthenticationSchemes(AdminBearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => HasScope(context.User, scope)));
        }

        return builder;
    }

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(RequiredScope.PolicyName(scope)).WithMetadata(new RequiredScope(scope));

    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindFirst(TokenClaims.Scope)?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal) == true;
}
