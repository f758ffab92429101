using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.Domain.PortalUsers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// Ties a magic link asked for on the hosted sign-in page to the browser that asked. That browser gets a random secret in
/// an HttpOnly cookie (kept for the link's lifetime, the same for every link it asks for); the emailed link carries the
/// authorization request's parameters and the secret's SHA-256, never the secret. Opened again, the link completes the
/// request only where the cookie's hash matches: whoever else holds the link (a forwarded email, a mail scanner, another
/// device) cannot sign in with it, nor make the cookie from the hash. See docs/decisions/0014-hosted-sign-in-methods.md.
/// </summary>
internal static class MagicLinkBinding
{
    /// <summary>The link's parameter holding the hash of the browser's secret.</summary>
    public const string LinkParameter = "hp_binding";

    private const string CookieName = "hp_magic";

    /// <summary>
    /// Gives the browser its secret (or keeps the one it has) and answers the address the emailed link opens: this
    /// endpoint under the issuer, with the request's parameters and the secret's hash. The email adds the token.
    /// </summary>
    public static string Start(HttpContext http, OpenIddictRequest request)
    {
        var secret = http.Request.Cookies[CookieName] is { Length: 43 } kept ? kept : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,

            // Sent when the link is opened from a mail program (a top-level navigation), never on requests of other sites.
            SameSite = SameSiteMode.Lax,
            Path = TokenServer.AuthorizePath,
            MaxAge = PortalToken.LifetimeOf(PortalTokenPurpose.MagicLink),
            IsEssential = true,
        });

        var parameters = RequestParameters(http, request).Append(new(LinkParameter, Hash(secret)));
        return QueryHelpers.AddQueryString(Issuer.From(http.Request) + TokenServer.AuthorizePath, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
    }

    /// <summary>Whether this browser holds the secret whose hash the opened link carries.</summary>
    public static bool Matches(HttpContext http)
    {
        var secret = http.Request.Cookies[CookieName];
        var expected = http.Request.Query[LinkParameter].ToString();
        return !string.IsNullOrEmpty(secret) && expected.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expected));
    }

    /// <summary>Forgets the secret once a link has signed the browser in.</summary>
    public static void End(HttpContext http) =>
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = TokenServer.AuthorizePath, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, HttpOnly = true });

    /// <summary>The authorization request's own parameters: without the page's fields and its anti-forgery token.</summary>
    public static IEnumerable<KeyValuePair<string, string>> RequestParameters(HttpContext http, OpenIddictRequest request)
    {
        var antiforgeryField = http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        return request.GetParameters()
            .Where(p => !Endpoints.AuthorizeEndpoints.IsPageField(p.Key) && p.Key != antiforgeryField)
            .Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? string.Empty));
    }

    private static string Hash(string secret) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
