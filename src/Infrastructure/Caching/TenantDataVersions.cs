using System.Collections.Concurrent;
using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Infrastructure.Caching;

/// <summary>
/// The process's view of how far each tenant's data has changed. Every change takes the next number of one
/// process-wide counter, so a stamp (the counter when a read started) is older than every change made after it.
/// Changes are reported after their commit: by <see cref="DataChangeInterceptor"/> for this process's saves, by
/// <see cref="DataChangeFeed"/> for other processes' saves.
/// </summary>
public sealed class TenantDataVersions : ITenantDataVersions
{
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private long _counter;
    private long _everything;

    /// <summary>This process (this container), as the source of the changes it records in the database.</summary>
    public Guid Source { get; } = Guid.NewGuid();

    public long Stamp() => Volatile.Read(ref _counter);

    public bool UnchangedSince(Guid tenantId, long stamp) =>
        Volatile.Read(ref _everything) <= stamp && (!_versions.TryGetValue(tenantId, out var version) || version <= stamp);

    public void Changed(Guid tenantId)
    {
        var version = Interlocked.Increment(ref _counter);
        _versions.AddOrUpdate(tenantId, version, (_, current) => Math.Max(current, version));
    }

    /// <summary>Everything changed (e.g. the change feed fell too far behind to say what).</summary>
    public void ChangedEverything() => Volatile.Write(ref _everything, Interlocked.Increment(ref _counter));
}
