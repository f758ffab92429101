using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.ApiClients;

/// <summary>
/// A front end of one tenant (the company's website, an agency's app) that signs portal users in through the
/// authorization code flow with PKCE. Its client id belongs to this tenant alone, so a sign-in started by it is a sign-in
/// to this tenant's portal. A public client (a browser or mobile app) has no secret; a confidential one (a server) has
/// one, of which only a hash is kept.
/// </summary>
public sealed class OAuthApp : ITenantOwned
{
    public const string ClientIdPrefix = "app_";
    public const int NameMaxLength = 100;
    public const int MaxRedirectUris = 10;
    public const int RedirectUriMaxLength = 2000;

    private List<string> _redirectUris = [];
    private List<string> _allowedOrigins = [];

    private OAuthApp()
    {
        ClientId = null!;
        Name = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The public identifier sent to /oauth/authorize and /oauth/token; unique across all tenants.</summary>
    public string ClientId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Where the authorization server may send the user back; a redirect_uri must equal one exactly.</summary>
    public IReadOnlyList<string> RedirectUris => _redirectUris;

    /// <summary>Browser origins allowed to call the token endpoint from script.</summary>
    public IReadOnlyList<string> AllowedOrigins => _allowedOrigins;

    /// <summary>Null for a public client.</summary>
    public string? SecretHash { get; private set; }

    public bool IsConfidential => SecretHash is not null;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static OAuthApp Create(TenantId tenantId, string clientId, string name, IEnumerable<string> redirectUris, IEnumerable<string> allowedOrigins, string? secretHash, DateTimeOffset now)
    {
        var app = new OAuthApp
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            ClientId = clientId,
            SecretHash = secretHash,
            CreatedAt = now,
        };
        app.Update(name, redirectUris, allowedOrigins, now);
        return app;
    }

    public void Update(string name, IEnumerable<string> redirectUris, IEnumerable<string> allowedOrigins, DateTimeOffset now)
    {
        var redirects = redirectUris.ToList();
        if (redirects.Count == 0 || redirects.Count > MaxRedirectUris || redirects.Any(r => !IsRedirectUri(r)))
        {
            throw new DomainException("invalid_redirect_uri", $"An app has 1 to {MaxRedirectUris} redirect URIs, each absolute, without a fragment.");
        }

        var origins = allowedOrigins.Select(o => PublishableKey.NormalizeOrigin(o) ?? throw new DomainException("invalid_origin", $"\"{o}\" is not an origin such as https://www.example.com.")).Distinct(StringComparer.Ordinal).ToList();
        Name = Guard.Required(name, "Name", NameMaxLength);
        _redirectUris = redirects.Distinct(StringComparer.Ordinal).ToList();
        _allowedOrigins = origins;
        UpdatedAt = now;
    }

    /// <summary>
    /// Absolute, no fragment (RFC 6749 section 3.1.2); https, or http only for a loopback address or localhost (RFC 8252),
    /// or a private scheme of a native app (com.example.app:/callback).
    /// </summary>
    public static bool IsRedirectUri(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > RedirectUriMaxLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost"))
            || (uri.Scheme.Contains('.', StringComparison.Ordinal) && uri.Scheme != Uri.UriSchemeHttp);
    }
}
