namespace HeadlessPortal.Application.Auth;

/// <summary>
/// The client the API's own sign-in endpoints (/v1/portal/auth/*) use when they ask the token server for a session's tokens:
/// public, holding no secret, allowed the first-party session grant (which the token endpoint grants only to requests
/// made from inside the API) and refresh tokens. Its id is reserved: no API client or app can take it.
/// </summary>
public static class FirstPartyClient
{
    public const string Id = "portal";

    /// <summary>The extension grant (RFC 6749 section 4.5) of a session a first-party sign-in has just started.</summary>
    public const string SessionGrantType = "urn:headlessportal:params:oauth:grant-type:portal-session";
}
