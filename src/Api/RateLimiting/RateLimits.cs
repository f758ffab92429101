using System.Globalization;
using System.Threading.RateLimiting;
using HeadlessPortal.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;
using HeadlessPortal.Infrastructure.Configuration;

namespace HeadlessPortal.Api.RateLimiting;

/// <summary>Configuration section "RateLimits": requests per minute.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int TokenPerIpPerMinute { get; set; } = 60;

    public int TokenPerClientPerMinute { get; set; } = 30;

    public int PublicPerKeyPerMinute { get; set; } = 1200;

    public int PublicPerIpPerMinute { get; set; } = 120;

    /// <summary>Sign-in, link and invitation requests (/v1/portal/auth) per IP, on top of the public limits.</summary>
    public int PortalAuthPerIpPerMinute { get; set; } = 20;
}

/// <summary>
/// ASP.NET Core's limiter, per process: the token endpoint per IP (and per client in the endpoint), the
/// public and portal APIs per key (or host) and per IP. A refusal is a 429 problem with Retry-After.
/// </summary>
internal static class RateLimits
{
    public const string PortalKeyHeader = "X-Portal-Key";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = services.AddSettings<RateLimitOptions>(configuration, RateLimitOptions.SectionName);
        services.AddSingleton<ClientTokenRateLimiter>();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Classify(context) switch
                {
                    Area.Token => PerMinute("token-ip:" + Ip(context), limits.TokenPerIpPerMinute),
                    Area.Public or Area.PortalAuth => PerMinute("public-ip:" + Ip(context), limits.PublicPerIpPerMinute),
                    _ => RateLimitPartition.GetNoLimiter(string.Empty),
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Classify(context) switch
                {
                    Area.PortalAuth => PerMinute("portal-auth-ip:" + Ip(context), limits.PortalAuthPerIpPerMinute),
                    _ => RateLimitPartition.GetNoLimiter(string.Empty),
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Classify(context) switch
                {
                    Area.Public or Area.PortalAuth => PerMinute("public-key:" + CallerKey(context), limits.PublicPerKeyPerMinute),
                    _ => RateLimitPartition.GetNoLimiter(string.Empty),
                }));
            options.OnRejected = (context, ct) => WriteRejectedAsync(context.HttpContext, context.Lease, ct);
        });
        return services;
    }

    public static async ValueTask WriteRejectedAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = "Too many requests; retry after the number of seconds in Retry-After.",
                Extensions = { [ProblemDetailsSetup.CodeKey] = ProblemCodes.TooManyRequests },
            },
        });
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private enum Area
    {
        Other,
        Token,
        Public,
        PortalAuth,
    }

    /// <summary>Whether requests to the route (an API description's relative path, "v1/portal/jobs") pass through a limiter.</summary>
    public static bool IsLimited(string? relativePath) =>
        relativePath is not null && Classify(new PathString("/" + relativePath.TrimStart('/')), HttpMethods.Get) != Area.Other;

    private static Area Classify(HttpContext context) => Classify(context.Request.Path, context.Request.Method);

    private static Area Classify(PathString path, string method)
    {
        if (path.StartsWithSegments("/oauth/token"))
        {
            return Area.Token;
        }

        if (path.StartsWithSegments("/v1/portal/auth") && HttpMethods.IsPost(method))
        {
            return Area.PortalAuth;
        }

        return path.StartsWithSegments("/v1/public") || path.StartsWithSegments("/v1/portal") ? Area.Public : Area.Other;
    }

    private static string Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static string CallerKey(HttpContext context) =>
        context.Request.Headers[PortalKeyHeader].FirstOrDefault() ?? "host:" + context.Request.Query["host"].FirstOrDefault();
}

/// <summary>Limits token requests per client id, which is only known once the form is read.</summary>
internal sealed class ClientTokenRateLimiter(RateLimitOptions limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(clientId =>
        RateLimitPartition.GetFixedWindowLimiter(clientId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.TokenPerClientPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public RateLimitLease Acquire(string clientId) => _limiter.AttemptAcquire(clientId);

    public void Dispose() => _limiter.Dispose();
}
