using System.Security.Claims;
using System.Text.Json.Serialization;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.RateLimiting;
using HeadlessPortal.Application.Auth.ResolveClientGrant;
using Mediator;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.PortalAuth.ContinuePortalSession;
using HeadlessPortal.Application.PortalAuth.SignInForAuthorization;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Auth;
using HeadlessPortal.Infrastructure.Services;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The token service: OAuth2 client credentials (RFC 6749), discovery and JWKS.</summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenServer.TokenPath, Token)
            .WithTags("OAuth")
            .WithName("IssueToken")
            .WithSummary("Get an access token (client credentials)")
            .WithDescription("RFC 6749 section 4.4. Form-encoded: grant_type=client_credentials, optional scope (space-separated). " +
                "The client authenticates with HTTP Basic (client_id:client_secret) or with client_id and client_secret form fields, not both. " +
                "Access tokens are ES256 JWTs valid for 15 minutes, naming the tenant, client and scopes. " +
                "Errors follow RFC 6749 section 5.2 ({ error, error_description }); a parameter given twice or a value with control characters is invalid_request. " +
                "Too many requests get a 429 problem: requests per address, failed client authentications per client id and address, and tokens issued per client are limited.")
            .Accepts<TokenRequestForm>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized)
            .ProducesProblems(StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError)
            .AllowAnonymous();

        app.MapGet("/.well-known/openid-configuration", Discovery)
            .WithTags("OAuth")
            .WithName("OpenIdConfiguration")
            .WithSummary("Discovery document")
            .WithDescription("The issuer, token endpoint, JWKS address, grant types and scopes of this token service.")
            .ProducesProblems(StatusCodes.Status500InternalServerError)
            .AllowAnonymous();

        app.MapGet("/.well-known/jwks.json", Jwks)
            .WithTags("OAuth")
            .WithName("Jwks")
            .WithSummary("Signing keys (JWKS)")
            .WithDescription("The public keys that verify access tokens (RFC 7517). After a rotation the previous key stays here until the tokens it signed expire.")
            .ProducesProblems(StatusCodes.Status500InternalServerError)
            .AllowAnonymous();
        return app;
    }

    /// <summary>The token endpoint, for a request the API makes of its own token server (<see cref="FirstPartyTokens"/>).</summary>
    internal static Task<IResult> TokenAsync(HttpContext http) =>
        Token(http, http.RequestServices.GetRequiredService<ISender>(), http.RequestServices.GetRequiredService<ClientTokenRateLimiter>(),
            http.RequestServices.GetRequiredService<CurrentTenant>(), http.RequestAborted);

    /// <param name="http">The request, which the token server has checked and whose client it has authenticated.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="limiter">Tokens issued per authenticated client.</param>
    /// <param name="currentTenant">Set to the tenant of a front-end app's grant.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<IResult> Token(HttpContext http, ISender sender, ClientTokenRateLimiter limiter, CurrentTenant currentTenant, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request is not null && (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType()))
        {
            return await PortalTokensAsync(http, sender, currentTenant, cancellationToken);
        }

        if (request?.GrantType == FirstPartyClient.SessionGrantType)
        {
            return FirstPartySession(http, request);
        }

        if (request is null || !request.IsClientCredentialsGrantType() || string.IsNullOrEmpty(request.ClientId))
        {
            // Only reached when the token server did not handle the request first, which it always does for this path.
            return OAuthError(StatusCodes.Status400BadRequest, OAuthErrors.UnsupportedGrantType, "Only grant_type=client_credentials is supported.");
        }

        var result = await sender.Send(new ResolveClientGrantQuery(request.ClientId, request.Scope), cancellationToken);
        if (!result.IsSuccess)
        {
            return Refuse(result.Error!.Code, result.Error.Message);
        }

        // Tokens issued per authenticated client: signing one is cheap, so a token over the budget is simply not handed out.
        using var issuance = limiter.AcquireIssuance(request.ClientId);
        if (!issuance.IsAcquired)
        {
            await RateLimits.WriteRejectedAsync(http, issuance, cancellationToken);
            return Results.Empty;
        }

        var grant = result.Value;
        var principal = TokenServer.AccessTokenPrincipal(
            [
                new Claim(TokenClaims.Subject, grant.ClientId),
                new Claim(TokenClaims.TenantId, grant.TenantId.ToString()),
                new Claim(TokenClaims.TokenUse, TokenClaims.AdminUse),
            ],
            grant.Scopes);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A code exchange or a refresh for a front-end app: the token server has checked the code (single use, PKCE verifier,
    /// same client and redirect URI) or the refresh token (not spent, not revoked); the portal session it names must still
    /// be open, so signing out or changing the password also ends what an app holds.
    /// </summary>
    private static async Task<IResult> PortalTokensAsync(HttpContext http, ISender sender, CurrentTenant currentTenant, CancellationToken cancellationToken)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirst(TokenClaims.TenantId)?.Value, out var tenantId)
            || !Guid.TryParse(principal.FindFirst(TokenClaims.SessionId)?.Value, out var sessionId))
        {
            return Refuse(OAuthErrors.InvalidGrant, "The grant is not valid.");
        }

        // A first-party endpoint serves one tenant (its publishable key's): another tenant's refresh token is not for it.
        if (http.Features.Get<FirstPartyTokenRequest>() is { } firstParty && firstParty.TenantId != tenantId)
        {
            return Refuse(OAuthErrors.InvalidGrant, "The grant is not valid.");
        }

        currentTenant.Set(new TenantId(tenantId));
        if (!(await sender.Send(new ContinuePortalSessionCommand(sessionId), cancellationToken)).IsSuccess)
        {
            return Refuse(OAuthErrors.InvalidGrant, "The portal session has ended; sign in again.");
        }

        if (http.GetOpenIddictServerRequest()!.IsRefreshTokenGrantType()
            && !await TokenServer.SpendRefreshTokenAsync(http, principal, sessionId, sender, cancellationToken))
        {
            return Refuse(OAuthErrors.InvalidGrant, "The refresh token was already used; the session is ended.");
        }

        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The session grant: tokens for a session a first-party sign-in endpoint has just started. Only the API itself asks
    /// for it (<see cref="FirstPartyTokens"/>); from outside, the grant does not exist.
    /// </summary>
    private static IResult FirstPartySession(HttpContext http, OpenIddictRequest request) =>
        http.Features.Get<FirstPartyTokenRequest>()?.Session is { } session
            ? Results.SignIn(
                AuthorizeEndpoints.PortalPrincipal(new AuthorizedPortalUser(session.TenantId, session.SessionId, session.Subject), request),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Refuse(OpenIddictConstants.Errors.UnsupportedGrantType, "The specified grant type is not supported.");

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <param name="http">The request.</param>
    /// <param name="auth">Token settings.</param>
    private static Ok<DiscoveryDocument> Discovery(HttpContext http, AuthOptions auth)
    {
        var baseUrl = Issuer.From(http.Request);
        return TypedResults.Ok(new DiscoveryDocument(
            TokenIssuer.Canonical(auth.Issuer ?? baseUrl),
            baseUrl + TokenServer.AuthorizePath,
            baseUrl + TokenServer.TokenPath,
            baseUrl + TokenServer.RevokePath,
            baseUrl + "/.well-known/jwks.json",
            ["client_credentials", "authorization_code", "refresh_token"],
            ["code"],
            ["S256"],
            ["client_secret_basic", "client_secret_post", "none"],
            ["client_secret_basic", "client_secret_post", "none"],
            [.. Scopes.All, "offline_access"],
            true));
    }

    /// <param name="http">The response, for caching headers.</param>
    /// <param name="keys">The signing keys.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Ok<JwksDocument>> Jwks(HttpContext http, SigningKeyStore keys, CancellationToken cancellationToken)
    {
        await keys.GetSigningKeyAsync(cancellationToken);
        var published = await keys.GetVerificationKeysAsync(forceReload: false, cancellationToken);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new JwksDocument(published.Select(k => k.ToPublicJwk()).ToList()));
    }

    private static IResult OAuthError(int status, string error, string description) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), statusCode: status);
}

/// <summary>The form fields of a token request.</summary>
/// <param name="GrantType">client_credentials.</param>
/// <param name="Scope">Optional space-separated scopes; default: every scope of the client's role.</param>
/// <param name="ClientId">The client id, unless sent with HTTP Basic.</param>
/// <param name="ClientSecret">The client secret, unless sent with HTTP Basic.</param>
public sealed record TokenRequestForm(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret);

/// <summary>RFC 6749 section 5.1.</summary>
/// <param name="AccessToken">The JWT to send as 'Authorization: Bearer ...'.</param>
/// <param name="TokenType">Bearer.</param>
/// <param name="ExpiresIn">Seconds until it expires (900).</param>
/// <param name="Scope">The scopes granted, space-separated.</param>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>RFC 6749 section 5.2.</summary>
/// <param name="Error">invalid_request, invalid_client, invalid_scope, unsupported_grant_type, ...</param>
/// <param name="ErrorDescription">What went wrong, for a human.</param>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>
/// Discovery (RFC 8414 metadata): only what this token server serves. It issues no ID tokens and has no user info
/// endpoint, so nothing that needs them (subject types, ID-token algorithms, claims) is claimed.
/// </summary>
/// <param name="Issuer">The iss of every token.</param>
/// <param name="AuthorizationEndpoint">GET /oauth/authorize: the hosted sign-in page of the authorization code flow.</param>
/// <param name="TokenEndpoint">POST /oauth/token.</param>
/// <param name="RevocationEndpoint">POST /oauth/revoke (RFC 7009).</param>
/// <param name="JwksUri">The keys that verify tokens.</param>
/// <param name="GrantTypesSupported">client_credentials, authorization_code, refresh_token.</param>
/// <param name="ResponseTypesSupported">code.</param>
/// <param name="CodeChallengeMethodsSupported">S256 only (PKCE is required; plain is refused).</param>
/// <param name="TokenEndpointAuthMethodsSupported">client_secret_basic, client_secret_post, and none for public apps.</param>
/// <param name="RevocationEndpointAuthMethodsSupported">As for the token endpoint.</param>
/// <param name="ScopesSupported">The Admin API's scopes, and offline_access (a refresh token for a front-end app).</param>
/// <param name="AuthorizationResponseIssParameterSupported">The authorization response names the issuer (RFC 9207).</param>
public sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("code_challenge_methods_supported")] IReadOnlyList<string> CodeChallengeMethodsSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("authorization_response_iss_parameter_supported")] bool AuthorizationResponseIssParameterSupported);

/// <summary>A JSON Web Key Set.</summary>
public sealed record JwksDocument([property: JsonPropertyName("keys")] IReadOnlyList<IReadOnlyDictionary<string, string>> Keys);
