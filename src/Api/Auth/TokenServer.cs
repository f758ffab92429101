using System.Security.Claims;
using System.Security.Cryptography;
using HeadlessPortal.Api.RateLimiting;
using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PortalAuth.EndAppSession;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Services;
using Mediator;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Infrastructure.Auth;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Protection;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// The token server (OpenIddict): POST /oauth/token for the client-credentials grant. OpenIddict reads and checks the
/// request, authenticates the client (<c>ClientRegistry</c> finds it), and lets the request through to our endpoint, which
/// decides the claims; OpenIddict then signs the access token, an ES256 JWT, with the key ring's current key. See
/// docs/decisions/0012-openiddict-token-server.md.
/// </summary>
internal static class TokenServer
{
    public const string TokenPath = "/oauth/token";
    public const string AuthorizePath = "/oauth/authorize";
    public const string RevokePath = "/oauth/revoke";

    public static IServiceCollection AddTokenServer(this IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
            server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'));
            server.SetRevocationEndpointUris(RevokePath.TrimStart('/'));

            // Discovery and the key set stay ours (OAuthEndpoints): ours lists only what is served and publishes a retired
            // key until the tokens it signed expire.
            server.SetConfigurationEndpointUris(Array.Empty<Uri>());
            server.SetJsonWebKeySetEndpointUris(Array.Empty<Uri>());
            server.AllowClientCredentialsFlow();

            // Front-end apps: the authorization code flow with PKCE (S256 only, the server's one method), refresh tokens
            // that roll (each is spent when used; presenting a spent one revokes every token of that sign-in).
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.AllowRefreshTokenFlow();

            // The API's own sign-in endpoints get a session's tokens from this server too, by an extension grant only they
            // can use (FirstPartyTokens, ADR 0016).
            server.AllowCustomFlow(FirstPartyClient.SessionGrantType);
            server.SetRefreshTokenLifetime(PortalSession.AbsoluteLifetime);

            // A spent refresh token presented again is a reuse at once: no grace period for retried requests.
            server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
            server.Configure(options =>
            {
                options.CodeChallengeMethods.Clear();
                options.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
            });
            server.RegisterScopes([.. Scopes.All, OpenIddictConstants.Scopes.OfflineAccess]);

            // Which scopes a client may have follows from its role (ResolveClientGrant answers invalid_scope), not from
            // OpenIddict's per-client permissions, which answer invalid_request.
            server.IgnoreScopePermissions();

            // Access tokens are signed, not encrypted: every API process and resource server verifies them with the
            // published keys (ADR 0012). Each token is signed with the key ring's current key, chosen as it is signed
            // (SignWithKeyRing); codes and refresh tokens are protected with the Data Protection key ring. OpenIddict still
            // insists on a signing and an encryption key being registered at start; nothing we issue uses them, so
            // per-process keys satisfy that check without reading the database before it is migrated.
            server.DisableAccessTokenEncryption();
            server.AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)));
            server.AddEphemeralEncryptionKey();
            server.UseDataProtection().PreferDefaultAccessTokenFormat();

            // TLS ends at the proxy in front of the API (see ForwardedHeaders); the API itself listens on plain HTTP.
            server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

            server.AddEventHandler<GenerateTokenContext>(handler => handler
                .UseSingletonHandler<SignWithKeyRing>()
                .SetOrder(AttachSecurityCredentials.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom));
            server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
                .UseSingletonHandler<DescribeAccessToken>()
                .SetOrder(int.MinValue + 50_000)
                .SetType(OpenIddictServerHandlerType.Custom));
            server.AddEventHandler<ValidateTokenContext>(handler => handler
                .UseScopedHandler<EndSessionOfReusedRefreshToken>()
                .SetOrder(ValidateTokenEntry.Descriptor.Order - 500)
                .SetType(OpenIddictServerHandlerType.Custom));
            server.AddEventHandler<HandleRevocationRequestContext>(handler => handler
                .UseScopedHandler<EndSessionOfRevokedRefreshToken>()
                .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order - 500)
                .SetType(OpenIddictServerHandlerType.Custom));
            server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
                .UseSingletonHandler<ThrottleFailedClientAuthentication>()
                .SetOrder(int.MinValue + 50_000)
                .SetType(OpenIddictServerHandlerType.Custom));
        });

        // The clock, the lifetime and the issuer of our settings.
        services.AddOptions<OpenIddictServerOptions>().Configure<AuthOptions, IClock>((options, auth, clock) =>
        {
            options.TimeProvider = new ClockTime(clock);
            options.AccessTokenLifetime = auth.AccessTokenLifetime;
            if (auth.Issuer is { } issuer)
            {
                options.Issuer = new Uri(issuer, UriKind.Absolute);
            }
        });
        return services;
    }

    /// <summary>The application's clock, so tokens are dated by the same time that checks them.</summary>
    private sealed class ClockTime(IClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.UtcNow;
    }

    /// <summary>Signs with the key ring's current key, the one published first in JWKS.</summary>
    private sealed class SignWithKeyRing(SigningKeyStore keys) : IOpenIddictServerHandler<GenerateTokenContext>
    {
        public async ValueTask HandleAsync(GenerateTokenContext context)
        {
            if (context.SigningCredentials is null)
            {
                return;
            }

            var key = await keys.GetSigningKeyAsync(context.CancellationToken);
            context.SigningCredentials = new SigningCredentials(key.SecurityKey, SigningKey.Algorithm);
        }
    }

    /// <summary>
    /// Every access token answer names its scopes, also when they are the ones requested (RFC 6749 section 5.1 lets the
    /// server leave them out then; our clients have always been told), and its lifetime in whole seconds as issued (900),
    /// not the seconds left when the answer is written, which a slow request rounds down to 899.
    /// </summary>
    private sealed class DescribeAccessToken(AuthOptions auth) : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        public ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            if (context.Response.AccessToken is null)
            {
                return ValueTask.CompletedTask;
            }

            context.Response.ExpiresIn = (long)auth.AccessTokenLifetime.TotalSeconds;
            if (string.IsNullOrEmpty(context.Response.Scope) && !string.IsNullOrEmpty(context.Request?.Scope))
            {
                context.Response.Scope = string.Join(' ', context.Request.GetScopes());
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Failed client authentications count per client id and address; past the limit they are answered 429 instead of
    /// invalid_client. Only failures count, so the client that knows its secret is never locked out by someone who does not.
    /// </summary>
    private sealed class ThrottleFailedClientAuthentication(ClientTokenRateLimiter limiter) : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        public async ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            if (context.Error != OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient
                || context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
            {
                return;
            }

            using var failures = limiter.RecordFailure(context.Request?.ClientId ?? string.Empty, RateLimits.Ip(http));
            if (!failures.IsAcquired)
            {
                await RateLimits.WriteRejectedAsync(http, failures, context.CancellationToken);
                context.HandleRequest();
            }
        }
    }

    /// <summary>
    /// A refresh token presented after it was spent is a reuse: the token server then revokes every token of that sign-in
    /// (its next handler, ValidateTokenEntry), and this ends the portal session behind them, so the access tokens already
    /// issued stop working on their next request too.
    /// </summary>
    private sealed class EndSessionOfReusedRefreshToken(IOpenIddictTokenManager tokens, CurrentTenant tenant, ISender sender) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public async ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal is not { } principal || principal.GetTokenType() != OpenIddictConstants.TokenTypeIdentifiers.RefreshToken
                || principal.GetTokenId() is not { Length: > 0 } id || await tokens.FindByIdAsync(id, context.CancellationToken) is not { } entry
                || !await tokens.HasStatusAsync(entry, OpenIddictConstants.Statuses.Redeemed, context.CancellationToken))
            {
                return;
            }

            await EndSessionAsync(principal, SessionEndReason.RefreshTokenReused, tenant, sender, context.CancellationToken);
            if (context.Transaction.GetHttpRequest()?.HttpContext.Features.Get<FirstPartyTokenRequest>() is { } firstParty)
            {
                firstParty.RefreshTokenReused = true;
            }
        }
    }

    /// <summary>
    /// Spends a refresh token before new tokens are issued for it, so that of two requests presenting it at once exactly one
    /// gets them: the token server marks it redeemed while issuing but carries on when another request marked it first.
    /// The request that loses presented a spent token, as a copied token's holder would: the session ends and every token
    /// of that sign-in is revoked, as for any reuse.
    /// </summary>
    public static async Task<bool> SpendRefreshTokenAsync(HttpContext http, ClaimsPrincipal principal, Guid sessionId, ISender sender, CancellationToken cancellationToken)
    {
        var tokens = http.RequestServices.GetRequiredService<IOpenIddictTokenManager>();
        if (principal.GetTokenId() is not { Length: > 0 } id || await tokens.FindByIdAsync(id, cancellationToken) is not { } entry)
        {
            return false;
        }

        if (await tokens.TryRedeemAsync(entry, cancellationToken))
        {
            return true;
        }

        await sender.Send(new EndAppSessionCommand(sessionId, SessionEndReason.RefreshTokenReused), cancellationToken);
        if (await tokens.GetAuthorizationIdAsync(entry, cancellationToken) is { Length: > 0 } authorizationId)
        {
            await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        }

        if (http.Features.Get<FirstPartyTokenRequest>() is { } firstParty)
        {
            firstParty.RefreshTokenReused = true;
        }

        return false;
    }

    /// <summary>An app revoking a refresh token (RFC 7009) signs its user out: the portal session behind it ends as well.</summary>
    private sealed class EndSessionOfRevokedRefreshToken(CurrentTenant tenant, ISender sender) : IOpenIddictServerHandler<HandleRevocationRequestContext>
    {
        public async ValueTask HandleAsync(HandleRevocationRequestContext context)
        {
            if (context.GenericTokenPrincipal is { } principal && principal.GetTokenType() == OpenIddictConstants.TokenTypeIdentifiers.RefreshToken)
            {
                await EndSessionAsync(principal, SessionEndReason.SignedOut, tenant, sender, context.CancellationToken);
            }
        }
    }

    private static async Task EndSessionAsync(ClaimsPrincipal principal, SessionEndReason reason, CurrentTenant tenant, ISender sender, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(TokenClaims.TokenUse)?.Value == TokenClaims.PortalUse
            && Guid.TryParse(principal.FindFirst(TokenClaims.TenantId)?.Value, out var tenantId)
            && Guid.TryParse(principal.FindFirst(TokenClaims.SessionId)?.Value, out var sessionId))
        {
            tenant.Set(new TenantId(tenantId));
            await sender.Send(new EndAppSessionCommand(sessionId, reason), cancellationToken);
        }
    }

    /// <summary>The identity of an access token: a JWT for the API, with every claim in the access token only.</summary>
    public static ClaimsPrincipal AccessTokenPrincipal(IEnumerable<Claim> claims, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, TokenClaims.Subject, "role");
        identity.SetScopes(scopes);
        identity.SetAudiences(AuthOptions.Audience);
        identity.SetDestinations(_ => [OpenIddict.Abstractions.OpenIddictConstants.Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
