namespace HeadlessPortal.Api.Hosting;

/// <summary>
/// The headers every answer carries, set as the answer starts (so error answers get them too): nosniff, no-referrer,
/// HSTS over HTTPS outside Development, a Content-Security-Policy, and a cache policy where the endpoint set none.
/// </summary>
/// <remarks>
/// Cache policy: an answer to anything but GET or HEAD (tokens, secrets shown once, payments) is never stored; a read
/// by a signed-in caller (a portal user's token, an API client's token, the platform key) is private to that caller
/// and revalidated before reuse; public reads get none. An endpoint that set its own policy keeps it (the token
/// endpoint's no-store, the key set's public max-age, the portal answer cache's private ETags).
/// </remarks>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IHostEnvironment environment)
{
    public const string NoStore = "no-store";
    public const string PrivateRevalidated = "private, no-cache";
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>An API answer loads nothing and is framed nowhere.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The HTML pages (Swagger UI, the jobs dashboard) load their scripts, styles, fonts and data from the API only.
    /// The only inline styles allowed are, by their hashes, the sheet the dashboard's chart library (Chart.js 2.9.4, in
    /// Hangfire 1.8) adds to the page and the one Swagger UI adds (a browser test fails on any other); images may be data: URLs (the pages' icons) or blob: URLs (Swagger UI's downloaded answers).
    /// </summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-z7zcnw/4WalZqx+PrNaRnoeLz/G9WXuFqV1WCJ129sg=' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            Apply(http);
            return Task.CompletedTask;
        });
        return next(http);
    }

    private void Apply(HttpContext http)
    {
        var request = http.Request;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // A page that set its own policy keeps it: the hosted sign-in page (stricter), the widgets' demo page (which loads the fake Stripe's script).
        if (headers.ContentSecurityPolicy.Count == 0)
        {
            headers.ContentSecurityPolicy = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true ? PagePolicy : ApiPolicy;
        }

        if (request.IsHttps && !environment.IsDevelopment())
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        if (headers.CacheControl.Count > 0)
        {
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            headers.CacheControl = NoStore;
        }
        else if (request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(Auth.PlatformKeyAuthenticationHandler.HeaderName))
        {
            headers.CacheControl = PrivateRevalidated;
        }
    }
}
