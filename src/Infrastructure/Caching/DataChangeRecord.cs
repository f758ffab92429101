using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Infrastructure.Caching;

/// <summary>
/// One committed change to a tenant's records, written in the same transaction as the change, so every process
/// sharing the database learns of it (<see cref="DataChangeFeed"/>). Kept for an hour.
/// </summary>
public sealed class DataChangeRecord : IPlatformScoped
{
    /// <summary>Increasing in insertion order; with PostgreSQL, commits may make them visible out of order.</summary>
    public long Seq { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The process that made the change; it already knows.</summary>
    public Guid Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
