using HeadlessPortal.Api.Auth;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Api.Portal;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The signed-in customer's API: what a portal user sees and does.</summary>
public static class PortalEndpoints
{
    /// <summary>
    /// A group under /v1/portal for signed-in users: the tenant comes from X-Portal-Key (or ?host=), a portal access
    /// token is required, and while the portal is off every endpoint answers 403 portal_not_available. Records of
    /// customers the user cannot access answer 404, like records that do not exist. JSON answers of GETs carry an
    /// ETag and are served from memory while the tenant's data does not change (<see cref="PortalResponseCache"/>).
    /// </summary>
    public static RouteGroupBuilder MapSignedInPortalGroup(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/v1/portal")
            .AddEndpointFilter<PortalAvailabilityFilter>()
            .AddEndpointFilter<PortalResponseCacheFilter>()
            .WithMetadata(new CachedPortalAnswers())
            .RequireAuthorization(PortalBearerAuthenticationHandler.PolicyName)
            .WithTags(tag)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError);
}
