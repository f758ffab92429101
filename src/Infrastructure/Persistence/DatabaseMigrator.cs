using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>Applies pending migrations; used at startup and by the "migrate" command.</summary>
public static partial class DatabaseMigrator
{
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await DatabaseStatistics.OptimizeAsync(db, cancellationToken);
        LogMigrated(logger, db.Database.ProviderName ?? "unknown", pending.Count, string.Join(", ", pending));
        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is up to date; applied {Count} migration(s): {Migrations}")]
    private static partial void LogMigrated(ILogger logger, string provider, int count, string migrations);
}
