using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.RateLimiting;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PublicPortal;
using HeadlessPortal.Application.PublicPortal.IsRegisteredOrigin;
using HeadlessPortal.Application.PublicPortal.ResolvePortalCaller;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Infrastructure.Services;
using Mediator;

namespace HeadlessPortal.Api.Portal;

/// <summary>
/// For /v1/public and /v1/portal: finds the tenant from the X-Portal-Key header (or ?host=), and refuses
/// (403 origin_not_allowed) a browser origin not registered for that key, other than the API's own. The CORS middleware that runs next
/// answers preflights and writes the CORS headers (<see cref="PortalCorsPolicyProvider"/>).
/// </summary>
internal sealed class PortalCallerMiddleware(RequestDelegate next)
{
    public static bool Applies(PathString path) => path.StartsWithSegments("/v1/public") || path.StartsWithSegments("/v1/portal");

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.Origin.ToString().Length > 0 && request.Headers.ContainsKey("Access-Control-Request-Method");

    public async Task InvokeAsync(HttpContext http, ISender sender, CurrentTenant currentTenant, PortalReadCache cache)
    {
        // A preflight carries no key: the CORS middleware answers it.
        if (!Applies(http.Request.Path) || IsPreflight(http.Request))
        {
            await next(http);
            return;
        }

        var key = http.Request.Headers[RateLimits.PortalKeyHeader].ToString();
        var host = http.Request.Query["host"].ToString();
        Error? failure = null;
        var caller = await cache.CallerAsync(key, key.Length > 0 ? null : host, async () =>
        {
            var resolved = await sender.Send(new ResolvePortalCallerQuery(key, host), http.RequestAborted);
            failure = resolved.Error;
            return resolved.IsSuccess ? resolved.Value : null;
        });
        if (caller is null)
        {
            await failure!.ToProblem().ExecuteAsync(http);
            return;
        }

        var rawOrigin = http.Request.Headers.Origin.ToString();
        var origin = string.IsNullOrEmpty(rawOrigin) ? null : PublishableKey.NormalizeOrigin(rawOrigin);
        if (rawOrigin.Length > 0 && caller.AllowedOrigins is not null && !IsSameOrigin(http.Request, origin)
            && (origin is null || !caller.AllowedOrigins.Contains(origin, StringComparer.Ordinal)))
        {
            await new Error(ErrorKind.Forbidden, "origin_not_allowed", $"The origin {rawOrigin} is not allowed for this publishable key.")
                .ToProblem().ExecuteAsync(http);
            return;
        }

        currentTenant.Set(new TenantId(caller.TenantId));
        http.Items[typeof(PortalCaller)] = caller;
        await next(http);
    }

    /// <summary>
    /// A page served by the API itself (Swagger UI) calls with the API's own origin: same scheme, host and port as the
    /// request. The browser needs no CORS permission for it, and the key's origins are those of the company's own sites.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request, string? origin) =>
        origin is not null && PublishableKey.NormalizeOrigin($"{request.Scheme}://{request.Host}") == origin;
}

/// <summary>Marks the endpoints that still answer while the portal is off (the portal configuration).</summary>
public sealed class AvailableWhenPortalOff;

/// <summary>Every other public and portal endpoint answers 403 portal_not_available while the tenant's portal is off.</summary>
internal sealed class PortalAvailabilityFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var exempt = http.GetEndpoint()?.Metadata.GetMetadata<AvailableWhenPortalOff>() is not null;
        if (!exempt && http.Items[typeof(PortalCaller)] is PortalCaller { PortalEnabled: false })
        {
            return new Error(ErrorKind.Forbidden, "portal_not_available", "The customer portal is not available.").ToProblem();
        }

        return await next(context);
    }
}
