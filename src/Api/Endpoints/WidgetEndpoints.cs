using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Portal;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.PublicPortal.ResolvePortalCaller;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Application.Portal;
using Mediator;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>
/// The website widgets (docs/WIDGETS.md): the script a company's site loads from <c>/widgets/v1/</c>, its manifest with
/// the Subresource Integrity hash, the check a widget makes before anything else, and the demo page (Development only).
/// These are the widgets' own delivery, not REST API operations: they stay out of the OpenAPI description.
/// </summary>
public static class WidgetEndpoints
{
    public const string Version = "v1";
    public const string ScriptName = "portal-widgets.js";
    public const string ScriptPath = "/widgets/" + Version + "/" + ScriptName;

    /// <summary>The script changes only with a release of the API; a page keeps it a year and revalidates with its ETag after.</summary>
    public const string ScriptCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Where production pages load Stripe.js from (<c>Payments:StripeJsUrl</c> points a development API at its fake).</summary>
    public const string StripeJsDefault = "https://js.stripe.com/v3/";

    private static readonly Lazy<WidgetFile> Script = new(() => WidgetFile.Load(ScriptName, "text/javascript; charset=utf-8"));
    private static readonly Lazy<string> DemoPage = new(() =>
        Encoding.UTF8.GetString(WidgetFile.Load("demo.html", "text/html").Bytes).Replace("{{integrity}}", ScriptIntegrity, StringComparison.Ordinal));

    /// <summary>The <c>integrity</c> value of the script tag: sha384 of the exact bytes served.</summary>
    public static string ScriptIntegrity => Script.Value.Integrity;

    public static IEndpointRouteBuilder MapWidgetEndpoints(this IEndpointRouteBuilder app, bool development)
    {
        var widgets = app.MapGroup("/widgets").ExcludeFromDescription();
        widgets.MapMethods(ScriptPath["/widgets".Length..], [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => Serve(http, Script.Value, ScriptCacheControl));

        widgets.MapGet($"/{Version}/manifest.json", (HttpContext http) =>
        {
            Shareable(http, "public, max-age=300");
            return Results.Json(new JsonObject
            {
                ["version"] = Version,
                ["files"] = new JsonObject
                {
                    [ScriptName] = new JsonObject
                    {
                        ["path"] = ScriptPath,
                        ["integrity"] = ScriptIntegrity,
                        ["etag"] = Script.Value.ETag,
                        ["elements"] = new JsonArray("portal-booking-request", "portal-pay-link", "portal-sign-in"),
                    },
                },
            });
        });

        widgets.MapGet($"/{Version}/config", Config);

        if (development)
        {
            widgets.MapGet("/demo.html", (HttpContext http, IOptions<PaymentOptions> payments) =>
            {
                // The demo page loads the stand-in Stripe.js of the fake Stripe, on its own port.
                var stripe = new Uri(payments.Value.StripeJsUrl ?? StripeJsDefault).GetLeftPart(UriPartial.Authority);
                http.Response.Headers.ContentSecurityPolicy =
                    $"default-src 'none'; script-src 'self' {stripe}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                    $"connect-src 'self' {stripe}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Text(DemoPage.Value, "text/html; charset=utf-8");
            });
        }

        return app;
    }

    /// <summary>
    /// Whether the calling page's origin may use the key, asked by the widget before anything else. It is a simple
    /// request (a GET without custom headers) answered to every origin, so a page whose origin is not registered gets
    /// an answer the widget can show instead of a refused preflight the browser reports in the console.
    /// </summary>
    private static async Task<IResult> Config(HttpContext http, string? key, ISender sender, PortalReadCache cache, IOptions<PaymentOptions> payments, CancellationToken ct)
    {
        Shareable(http, Hosting.SecurityHeadersMiddleware.NoStore);
        var rawOrigin = http.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Refused("portal_key_required", "This widget needs the company's publishable key in its data-key attribute.");
        }

        // Through the key cache, as every /v1/public request resolves its key.
        var caller = await cache.CallerAsync(key, null, async () =>
        {
            var resolved = await sender.Send(new ResolvePortalCallerQuery(key, null), ct);
            return resolved.IsSuccess ? resolved.Value : null;
        });
        if (caller is null)
        {
            return Refused("invalid_portal_key", "This widget's publishable key is not valid. Please tell the website's owner.");
        }

        var origin = rawOrigin.Length == 0 ? null : PublishableKey.NormalizeOrigin(rawOrigin);
        var allowed = rawOrigin.Length == 0 || caller.AllowedOrigins is null || PortalCallerMiddleware.IsSameOrigin(http.Request, origin)
            || (origin is not null && caller.AllowedOrigins.Contains(origin, StringComparer.Ordinal));
        if (!allowed)
        {
            return Refused("origin_not_allowed", $"This form is not available on this website ({rawOrigin} is not registered for it).");
        }

        if (!caller.PortalEnabled)
        {
            return Refused("portal_not_available", "This form is not available right now.");
        }

        return Results.Json(new JsonObject { ["allowed"] = true, ["stripeJs"] = payments.Value.StripeJsUrl ?? StripeJsDefault });
    }

    private static IResult Refused(string code, string message) =>
        Results.Json(new JsonObject { ["allowed"] = false, ["code"] = code, ["message"] = message });

    /// <summary>Any page may load these: no credentials are involved, and Subresource Integrity needs a CORS answer.</summary>
    private static void Shareable(HttpContext http, string cacheControl)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        http.Response.Headers.CacheControl = cacheControl;
    }

    private static IResult Serve(HttpContext http, WidgetFile file, string cacheControl)
    {
        Shareable(http, cacheControl);
        http.Response.Headers.ETag = file.ETag;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries).Any(t => t == file.ETag || t == "*"))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(file.Bytes, file.ContentType);
    }

    private sealed record WidgetFile(byte[] Bytes, string ContentType, string ETag, string Integrity)
    {
        public static WidgetFile Load(string name, string contentType)
        {
            using var stream = typeof(WidgetEndpoints).Assembly.GetManifestResourceStream("HeadlessPortal.Api.Widgets." + name)
                ?? throw new InvalidOperationException($"The widget file {name} is not embedded in the API.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
            return new WidgetFile(bytes, contentType, etag, "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)));
        }
    }
}
