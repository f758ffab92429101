using HeadlessPortal.Api.Auth;
using HeadlessPortal.Application.OAuthApps.GetOAuthAppOrigins;
using HeadlessPortal.Application.PublicPortal;
using HeadlessPortal.Application.PublicPortal.IsRegisteredOrigin;
using HeadlessPortal.Domain.Portal;
using Mediator;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace HeadlessPortal.Api.Portal;

/// <summary>
/// The CORS policy of /v1/public and /v1/portal, for ASP.NET Core's CORS middleware: a browser may call with a
/// publishable key only from the origins registered for that key; and of the token server's token and revocation
/// endpoints, readable from the origins of the front-end app that calls. Other paths (admin, platform, the rest of
/// OAuth) get no policy, so they answer no cross-origin request.
/// </summary>
/// <remarks>
/// A preflight carries no key, so it is allowed when its origin is registered on any active key; the actual request
/// is then checked against its own key by <see cref="PortalCallerMiddleware"/>, which runs first, refuses other
/// origins (403 origin_not_allowed) and leaves the caller it resolved, through the key cache, for this policy.
/// </remarks>
internal sealed class PortalCorsPolicyProvider(ISender sender) : ICorsPolicyProvider
{
    // A front end sends its key and token, JSON, idempotency keys, and revalidates what it kept (If-None-Match, Cache-Control).
    private static readonly string[] AllowedHeaders =
        ["X-Portal-Key", "Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match", "Cache-Control"];

    private static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After"];

    private static readonly CorsPolicy Refused = Build(_ => false);

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var request = context.Request;
        if (request.Path.Equals(TokenServer.TokenPath, StringComparison.Ordinal) || request.Path.Equals(TokenServer.RevokePath, StringComparison.Ordinal))
        {
            return await TokenServerPolicyAsync(context);
        }

        if (!PortalCallerMiddleware.Applies(request.Path))
        {
            return null;
        }

        if (PortalCallerMiddleware.IsPreflight(request))
        {
            var origin = PublishableKey.NormalizeOrigin(request.Headers.Origin.ToString());
            return origin is not null && await sender.Send(new IsRegisteredOriginQuery(origin), context.RequestAborted)
                ? Build(_ => true)
                : Refused;
        }

        return context.Items[typeof(PortalCaller)] is PortalCaller { AllowedOrigins: { } origins }
            ? Build(o => PublishableKey.NormalizeOrigin(o) is { } normalized && origins.Contains(normalized, StringComparer.Ordinal))
            : null;
    }

    /// <summary>
    /// A front-end app exchanges its code and refreshes from the browser: the answer is readable only from the origins the
    /// app (named by the form's client_id) registered. A preflight names no client, so it is answered for any origin; it
    /// reveals nothing, and the answer to the request itself still decides.
    /// </summary>
    private async Task<CorsPolicy?> TokenServerPolicyAsync(HttpContext context)
    {
        if (PortalCallerMiddleware.IsPreflight(context.Request))
        {
            return TokenServerPolicy(_ => true);
        }

        if (!context.Request.HasFormContentType || !context.Request.Headers.ContainsKey("Origin"))
        {
            return null;
        }

        string clientId;
        try
        {
            clientId = (await context.Request.ReadFormAsync(context.RequestAborted))["client_id"].ToString();
        }
        catch (InvalidDataException)
        {
            return null;
        }

        var origins = clientId.Length == 0 ? [] : await sender.Send(new GetOAuthAppOriginsQuery(clientId), context.RequestAborted);
        return TokenServerPolicy(o => PublishableKey.NormalizeOrigin(o) is { } normalized && origins.Contains(normalized, StringComparer.Ordinal));
    }

    private static CorsPolicy TokenServerPolicy(Func<string, bool> isOriginAllowed) => new CorsPolicyBuilder()
        .SetIsOriginAllowed(isOriginAllowed)
        .WithMethods(HttpMethods.Post)
        .WithHeaders("Content-Type", "Authorization")
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
        .Build();

    // No credentials mode: front ends send the key and token as headers, never cookies.
    private static CorsPolicy Build(Func<string, bool> isOriginAllowed) => new CorsPolicyBuilder()
        .SetIsOriginAllowed(isOriginAllowed)
        .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
        .WithHeaders(AllowedHeaders)
        .WithExposedHeaders(ExposedHeaders)
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
        .Build();
}
