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

    /// <summary>Tokens issued to one authenticated client; failed attempts do not count here.</summary>
    public int TokenPerClientPerMinute { get; set; } = 30;

    /// <summary>Failed client authentications for one client id from one address; past it, wrong secrets get 429.</summary>
    public int TokenFailuresPerClientPerIpPerMinute { get; set; } = 10;

    public int PublicPerKeyPerMinute { get; set; } = 1200;

    public int PublicPerIpPerMinute { get; set; } = 120;

    /// <summary>Sign-in, link and invitation requests (/v1/portal/auth and the hosted sign-in page's forms) per IP, on top of the public limits.</summary>
    public int PortalAuthPerIpPerMinute { get; set; } = 20;

    /// <summary>Website booking requests (POST /v1/public/booking-requests) per IP per hour, on top of the public limits.</summary>
    public int BookingRequestsPerIpPerHour { get; set; } = 10;

    /// <summary>Website booking requests per publishable key per hour, on top of the public limits.</summary>
    public int BookingRequestsPerKeyPerHour { get; set; } = 300;
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

                // Website booking requests create records without an account: few per address and per key.
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsBookingRequest(context)
                    ? PerHour("booking-ip:" + Ip(context), limits.BookingRequestsPerIpPerHour)
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsBookingRequest(context)
                    ? PerHour("booking-key:" + CallerKey(context), limits.BookingRequestsPerKeyPerHour)
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
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

    private static RateLimitPartition<string> PerHour(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        });

    private static bool IsBookingRequest(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/v1/public/booking-requests");

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

        // The hosted sign-in page's forms (sign-in attempts, emailed links) count as the JSON sign-in endpoints do.
        if ((path.StartsWithSegments("/v1/portal/auth") || path.StartsWithSegments("/oauth/authorize")) && HttpMethods.IsPost(method))
        {
            return Area.PortalAuth;
        }

        // The widgets' origin check reads a key as /v1/public does, so it shares its limits.
        return path.StartsWithSegments("/v1/public") || path.StartsWithSegments("/v1/portal") || path.StartsWithSegments("/widgets/v1/config")
            ? Area.Public
            : Area.Other;
    }

    public static string Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static string CallerKey(HttpContext context) =>
        context.Request.Headers[PortalKeyHeader].FirstOrDefault() ?? context.Request.Query["key"].FirstOrDefault() ?? "host:" + context.Request.Query["host"].FirstOrDefault();
}

/// <summary>
/// The token endpoint's limits per client, known only once the form is read: failed client authentications per client
/// id and address, and tokens issued per authenticated client. Wrong secrets, from wherever they come, never spend what
/// the client that knows its secret may get.
/// </summary>
internal sealed class ClientTokenRateLimiter(RateLimitOptions limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PerMinute(limits.TokenFailuresPerClientPerIpPerMinute);
    private readonly PartitionedRateLimiter<string> _issued = PerMinute(limits.TokenPerClientPerMinute);

    /// <summary>Counts a failed authentication of this client id from this address; not acquired once past the limit.</summary>
    public RateLimitLease RecordFailure(string clientId, string ip) => _failures.AttemptAcquire(FailureKey(clientId, ip));

    /// <summary>Takes one token from the budget of a client that authenticated.</summary>
    public RateLimitLease AcquireIssuance(string clientId) => _issued.AttemptAcquire(clientId);

    public void Dispose()
    {
        _failures.Dispose();
        _issued.Dispose();
    }

    // Client ids with control characters are refused before any limit is asked, so the separator cannot be forged.
    private static string FailureKey(string clientId, string ip) => ip + "\n" + clientId;

    private static PartitionedRateLimiter<string> PerMinute(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
}
