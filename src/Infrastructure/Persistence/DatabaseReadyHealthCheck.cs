using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>Ready means the database answers and every migration this build knows has been applied.</summary>
internal sealed class DatabaseReadyHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending; run the API with 'migrate'.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reason stays in the server log; the probe only learns that the database is not ready.
            return HealthCheckResult.Unhealthy("The database check failed.", ex);
        }
    }
}
