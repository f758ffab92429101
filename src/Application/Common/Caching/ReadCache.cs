using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Application.Common.Caching;

/// <summary>
/// Values read from one tenant's data, kept in memory while that data has not changed (<see cref="ITenantDataVersions"/>)
/// and for at most the lifetime each entry was given. Bounded: once the entries weigh more than the capacity, the
/// cache starts again empty (a rare, cheap event next to the reads it saves). Only successful reads are cached.
/// </summary>
/// <typeparam name="TKey">What identifies a value.</typeparam>
/// <typeparam name="TValue">The value.</typeparam>
public sealed class ReadCache<TKey, TValue>(ITenantDataVersions versions, IClock clock, long capacity, Func<TKey, TValue, long>? weigh = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private long _weight;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (clock.UtcNow < entry.ExpiresAt && versions.UnchangedSince(entry.TenantId, entry.Stamp))
            {
                value = entry.Value;
                return true;
            }

            if (((ICollection<KeyValuePair<TKey, Entry>>)_entries).Remove(new KeyValuePair<TKey, Entry>(key, entry)))
            {
                Interlocked.Add(ref _weight, -entry.Weight);
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Keeps a value read after <paramref name="stamp"/> was taken (<see cref="ITenantDataVersions.Stamp"/>). A value
    /// read before a change but stored after it is never served: its stamp is older than the change.
    /// </summary>
    public void Set(TKey key, TValue value, Guid tenantId, long stamp, DateTimeOffset expiresAt)
    {
        var entry = new Entry(value, tenantId, stamp, expiresAt, weigh?.Invoke(key, value) ?? 1);
        if (Interlocked.Add(ref _weight, entry.Weight) > capacity)
        {
            Clear();
            Interlocked.Add(ref _weight, entry.Weight);
        }

        _entries.AddOrUpdate(
            key,
            entry,
            (_, replaced) =>
            {
                Interlocked.Add(ref _weight, -replaced.Weight);
                return entry;
            });
    }

    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _weight, 0);
    }

    /// <summary>
    /// The cached value, or the one <paramref name="load"/> reads (kept when it names its tenant; null is not kept).
    /// </summary>
    public async ValueTask<TValue?> GetOrLoadAsync(TKey key, Func<Task<Loaded?>> load)
    {
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var stamp = versions.Stamp();
        if (await load() is not { } loaded)
        {
            return default;
        }

        Set(key, loaded.Value, loaded.TenantId, stamp, loaded.ExpiresAt);
        return loaded.Value;
    }

    /// <summary>A value read from one tenant's data, good until <paramref name="ExpiresAt"/> at the latest.</summary>
    public sealed record Loaded(TValue Value, Guid TenantId, DateTimeOffset ExpiresAt);

    private sealed record Entry(TValue Value, Guid TenantId, long Stamp, DateTimeOffset ExpiresAt, long Weight);
}
