using System.Security.Claims;
using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PortalAuth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeadlessPortal.Infrastructure.Auth;

/// <summary>The claim names of our access tokens.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string TenantId = "tid";
    public const string Scope = "scope";
    public const string TokenUse = "token_use";
    public const string AdminUse = "admin";
    public const string PortalUse = "portal";
    public const string SessionId = "sid";
}

/// <summary>
/// The issuer as tokens name it. The token server writes a base URL in its absolute form, with the path's slash
/// ("https://api.example.com/"); tokens signed before it took over named it without ("https://api.example.com"), and both
/// name the same issuer, so both are accepted.
/// </summary>
public static class TokenIssuer
{
    public static string Canonical(string issuer) => new Uri(issuer, UriKind.Absolute).AbsoluteUri;

    public static IReadOnlyList<string> Accepted(string issuer) => [Canonical(issuer), issuer.TrimEnd('/')];
}

/// <summary>
/// Verifies our access tokens: ES256 only, signed by a published key, right issuer and audience, not expired. A
/// token that checked out is remembered until it expires (at most <see cref="CacheOptions.ReadSeconds"/>), so a
/// signed-in user's requests pay for the signature check once: the keys that verified it stay published until
/// every token they signed has expired, so the answer cannot change before then.
/// </summary>
public sealed class AccessTokenValidator(SigningKeyStore keys, AuthOptions options, IClock clock, ITenantDataVersions versions, CacheOptions cacheOptions)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ReadCache<(string Token, string Issuer), ClaimsIdentity> _verified = new(versions, clock, 20_000);

    public async Task<ClaimsIdentity?> ValidateAsync(string token, string issuer, CancellationToken ct)
    {
        if (cacheOptions.Enabled && _verified.TryGet((token, issuer), out var known))
        {
            return known.Clone();
        }

        var stamp = versions.Stamp();
        var result = await ValidateWithAsync(token, issuer, forceReload: false, ct);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key created by another process since this one last read them.
            result = await ValidateWithAsync(token, issuer, forceReload: true, ct);
        }

        if (!result.IsValid)
        {
            return null;
        }

        if (cacheOptions.Enabled)
        {
            var expires = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) + AuthOptions.ClockSkew;
            var until = clock.UtcNow.AddSeconds(cacheOptions.ReadSeconds);
            _verified.Set((token, issuer), result.ClaimsIdentity.Clone(), Guid.Empty, stamp, expires < until ? expires : until);
        }

        return result.ClaimsIdentity;
    }

    /// <summary>
    /// Every token we sign says when it was issued and lives <see cref="AuthOptions.AccessTokenLifetime"/>. One that
    /// claims to live longer (measured from iat and from nbf), or to be issued in the future, was not made the way we make
    /// tokens, so it is refused even when its signature checks out: no token stays usable longer than ours do.
    /// </summary>
    private bool LivesNoLongerThanIssued(JsonWebToken? token, DateTime? notBefore, DateTime expires, DateTime now)
    {
        var longest = options.AccessTokenLifetime + AuthOptions.ClockSkew;
        if (token is null || !token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out _))
        {
            return false;
        }

        return token.IssuedAt <= now + AuthOptions.ClockSkew
            && expires - token.IssuedAt <= longest
            && (notBefore is null || expires - notBefore.Value <= longest);
    }

    private async Task<TokenValidationResult> ValidateWithAsync(string token, string issuer, bool forceReload, CancellationToken ct)
    {
        var published = await keys.GetVerificationKeysAsync(forceReload, ct);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = TokenIssuer.Accepted(options.Issuer ?? issuer),
            ValidAudience = AuthOptions.Audience,
            IssuerSigningKeys = published.Select(k => k.SecurityKey),
            ValidAlgorithms = [SigningKey.Algorithm],
            ValidTypes = ["at+jwt"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = AuthOptions.ClockSkew,
            LifetimeValidator = (notBefore, expires, token, _) =>
            {
                var now = clock.UtcNow.UtcDateTime;
                return expires is not null && now < expires.Value + AuthOptions.ClockSkew && (notBefore is null || now + AuthOptions.ClockSkew >= notBefore.Value)
                    && LivesNoLongerThanIssued(token as JsonWebToken, notBefore, expires.Value, now);
            },
            NameClaimType = TokenClaims.Subject,
        });
    }
}
