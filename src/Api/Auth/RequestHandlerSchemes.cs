using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// The schemes that may answer a request themselves, which ASP.NET Core's authentication middleware asks in turn on
/// every request. The token server's (OpenIddict) is one: asked about a request, it works out which of its endpoints the
/// request's address is, building absolute addresses to compare, and answers "none" for everything under <c>/v1</c>,
/// where the API's own endpoints are. It is not asked there (docs/PERFORMANCE.md, "Round five": 1.4% of a portal
/// page's CPU and 2.5% of its allocations); its endpoints (<c>/oauth/...</c>) and everything else are unchanged.
/// </summary>
internal sealed class RequestHandlerSchemes(IOptions<AuthenticationOptions> options, IHttpContextAccessor accessor)
    : AuthenticationSchemeProvider(options)
{
    private const string ApiPathPrefix = "/v1";

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        return accessor.HttpContext?.Request.Path.StartsWithSegments(ApiPathPrefix, StringComparison.OrdinalIgnoreCase) is true
            ? schemes.Where(s => s.Name != OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : schemes;
    }
}
