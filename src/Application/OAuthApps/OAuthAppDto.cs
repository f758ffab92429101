using HeadlessPortal.Domain.ApiClients;

namespace HeadlessPortal.Application.OAuthApps;

/// <summary>A front-end app that signs portal users in with the authorization code flow and PKCE.</summary>
/// <param name="Id">Record id.</param>
/// <param name="ClientId">The client_id to send to /oauth/authorize and /oauth/token.</param>
/// <param name="Name">Shown to nobody but the company; the sign-in page shows the company's name.</param>
/// <param name="ClientType">public (a browser or mobile app: no secret, PKCE only) or confidential (a server: a secret too).</param>
/// <param name="RedirectUris">Where users come back to; a redirect_uri must equal one of these exactly.</param>
/// <param name="AllowedOrigins">Browser origins that may call the token endpoint from script.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="ClientSecret">Only in the answer that creates a confidential app: the secret, shown this once.</param>
public sealed record OAuthAppDto(
    Guid Id, string ClientId, string Name, string ClientType, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> AllowedOrigins,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ClientSecret = null)
{
    public const string Public = "public";
    public const string Confidential = "confidential";

    public static OAuthAppDto From(OAuthApp app, string? secret = null) =>
        new(app.Id, app.ClientId, app.Name, app.IsConfidential ? Confidential : Public, app.RedirectUris, app.AllowedOrigins, app.CreatedAt, app.UpdatedAt, secret);
}
