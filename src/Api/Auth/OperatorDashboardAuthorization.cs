using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// Who may open the Hangfire Dashboard: the platform operator, by the platform key (<c>Platform:ApiKey</c>) sent as
/// the password of HTTP Basic authentication (any user name; what a browser asks for) or in the X-Platform-Key header
/// (scripts); in Development also any browser on this machine. Everyone else gets 401 with a Basic challenge.
/// </summary>
internal sealed class OperatorDashboardAuthorization(IOptions<PlatformOptions> platform, IHostEnvironment environment) : IDashboardAsyncAuthorizationFilter
{
    public const string Realm = "HeadlessPortal operators";

    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (SuppliedKey(http.Request) is { } key && PlatformKeyAuthenticationHandler.KeysMatch(key, platform.Value.ApiKey))
        {
            return Task.FromResult(true);
        }

        if (environment.IsDevelopment() && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return Task.FromResult(true);
        }

        // Hangfire answers 401 to an unauthenticated caller; the challenge makes a browser ask for the key.
        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return Task.FromResult(false);
    }

    private static string? SuppliedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(PlatformKeyAuthenticationHandler.HeaderName, out var header) && !string.IsNullOrEmpty(header))
        {
            return header.ToString();
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization)
            || !string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || authorization.Parameter is null)
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
