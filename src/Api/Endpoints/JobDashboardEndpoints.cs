using HeadlessPortal.Api.Auth;
using Hangfire;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The Hangfire Dashboard for operators: recurring maintenance jobs, their runs and failures.</summary>
public static class JobDashboardEndpoints
{
    public const string Path = "/hangfire";

    public static IEndpointRouteBuilder MapJobDashboard(this IEndpointRouteBuilder app)
    {
        var authorization = ActivatorUtilities.CreateInstance<OperatorDashboardAuthorization>(app.ServiceProvider);
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            // Replaces Hangfire's default (local requests only) with the operator's key.
            Authorization = [],
            AsyncAuthorization = [authorization],
            DashboardTitle = "HeadlessPortal background jobs",
            AppPath = null,
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
