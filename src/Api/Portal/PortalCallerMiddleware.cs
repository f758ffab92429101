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
/// For /v1/public and /v1/portal: finds the tenant from the X-Portal-Key header (or ?host=), and applies
/// CORS so that a browser may call with a key only from the origins registered for that key.
/// A preflight carries no key, so it is answered for any origin registered on an active key; the actual
/// request is then checked against its own key and refused (403 origin_not_allowed) from other origins.
/// </summary>
internal sealed class PortalCallerMiddleware(RequestDelegate next)
{
    private const string AllowedHeaders = "X-Portal-Key, Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, Cache-Control";
    private const string ExposedHeaders = "ETag, Location, Retry-After";

    public static bool Applies(PathString path) => path.StartsWithSegments("/v1/public") || path.StartsWithSegments("/v1/portal");

    public async Task InvokeAsync(HttpContext http, ISender sender, CurrentTenant currentTenant, PortalReadCache cache)
    {
        if (!Applies(http.Request.Path))
        {
            await next(http);
            return;
        }

        var rawOrigin = http.Request.Headers.Origin.ToString();
        var origin = string.IsNullOrEmpty(rawOrigin) ? null : PublishableKey.NormalizeOrigin(rawOrigin);
        if (HttpMethods.IsOptions(http.Request.Method) && rawOrigin.Length > 0 && http.Request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            if (origin is not null && await sender.Send(new IsRegisteredOriginQuery(origin), http.RequestAborted))
            {
                AllowOrigin(http, rawOrigin);
                http.Response.Headers.AccessControlAllowMethods = "GET, POST, PUT, PATCH, DELETE";
                http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
                http.Response.Headers.AccessControlMaxAge = "600";
            }

            http.Response.Headers.Vary = "Origin";
            http.Response.StatusCode = StatusCodes.Status204NoContent;
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

        if (rawOrigin.Length > 0 && caller.AllowedOrigins is not null)
        {
            if (origin is null || !caller.AllowedOrigins.Contains(origin, StringComparer.Ordinal))
            {
                await new Error(ErrorKind.Forbidden, "origin_not_allowed", $"The origin {rawOrigin} is not allowed for this publishable key.")
                    .ToProblem().ExecuteAsync(http);
                return;
            }

            // Applied when the response starts, so error responses written later carry them too.
            http.Response.OnStarting(() =>
            {
                AllowOrigin(http, rawOrigin);
                http.Response.Headers.AccessControlExposeHeaders = ExposedHeaders;
                return Task.CompletedTask;
            });
        }

        currentTenant.Set(new TenantId(caller.TenantId));
        http.Items[typeof(PortalCaller)] = caller;
        await next(http);
    }

    private static void AllowOrigin(HttpContext http, string origin)
    {
        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.Vary = "Origin";
    }
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
