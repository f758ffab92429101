using System.Runtime.CompilerServices;
using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PublicPortal;

namespace HeadlessPortal.Application.Portal;

/// <summary>
/// What every signed-in portal request reads before its own data: the tenant a publishable key names, whether the
/// session is still open, which customers the user can access, the tenant's portal settings and whether it connected a
/// payment account. Kept in memory per tenant while that tenant's data does not change (<see cref="ITenantDataVersions"/>:
/// a settings change, a revoked key, an ended session or a revoked contact shows on the next request in this process,
/// within a poll interval in the others), and for at most <see cref="CacheOptions.ReadSeconds"/>. Only successful reads
/// are kept: an unknown key or an ended session is looked up again every time.
/// </summary>
public sealed class PortalReadCache(ITenantDataVersions versions, IClock clock, CacheOptions options)
{
    private readonly ReadCache<(string? Key, string? Host), PortalCaller> _callers = new(versions, clock, 10_000);
    private readonly ReadCache<(Guid Tenant, Guid Session), PortalSessionInfo> _sessions = new(versions, clock, 100_000);
    private readonly ReadCache<(Guid Tenant, Guid Session), IReadOnlyList<AccessibleCustomer>> _access = new(versions, clock, 100_000);
    private readonly ReadCache<Guid, PortalTenantSettings> _tenants = new(versions, clock, 10_000);
    private readonly ReadCache<Guid, StrongBox<bool>> _paymentAccounts = new(versions, clock, 10_000);

    public ValueTask<PortalCaller?> CallerAsync(string? key, string? host, Func<Task<PortalCaller?>> load) =>
        Cached(_callers, (key, host), load, caller => caller.TenantId, _ => DateTimeOffset.MaxValue);

    /// <summary>The open session; kept no longer than it lasts.</summary>
    public ValueTask<PortalSessionInfo?> SessionAsync(Guid tenantId, Guid sessionId, Func<Task<PortalSessionInfo?>> load) =>
        Cached(_sessions, (tenantId, sessionId), load, _ => tenantId, session => session.ExpiresAt);

    public async ValueTask<IReadOnlyList<AccessibleCustomer>> AccessAsync(Guid tenantId, Guid sessionId, Func<Task<IReadOnlyList<AccessibleCustomer>>> load) =>
        (await Cached(_access, (tenantId, sessionId), async () => (IReadOnlyList<AccessibleCustomer>?)await load(), _ => tenantId, _ => DateTimeOffset.MaxValue))!;

    /// <summary>The tenant's portal and account settings, which every portal page reads.</summary>
    public async ValueTask<PortalTenantSettings> TenantSettingsAsync(Guid tenantId, Func<Task<PortalTenantSettings>> load) =>
        (await Cached(_tenants, tenantId, async () => (PortalTenantSettings?)await load(), _ => tenantId, _ => DateTimeOffset.MaxValue))!;

    /// <summary>Whether the tenant has connected a payment account, which decides whether portal pages offer to pay.</summary>
    public async ValueTask<bool> PaymentAccountConnectedAsync(Guid tenantId, Func<Task<bool>> load) =>
        (await Cached(_paymentAccounts, tenantId, async () => (StrongBox<bool>?)new StrongBox<bool>(await load()), _ => tenantId, _ => DateTimeOffset.MaxValue))!.Value;

    private ValueTask<TValue?> Cached<TKey, TValue>(
        ReadCache<TKey, TValue> cache, TKey key, Func<Task<TValue?>> load, Func<TValue, Guid> tenantOf, Func<TValue, DateTimeOffset> lastsUntil)
        where TKey : notnull
        where TValue : class
    {
        if (!options.Enabled)
        {
            return new ValueTask<TValue?>(load());
        }

        return cache.GetOrLoadAsync(key, async () =>
        {
            if (await load() is not { } value)
            {
                return null;
            }

            var until = clock.UtcNow.AddSeconds(options.ReadSeconds);
            var lasts = lastsUntil(value);
            return new ReadCache<TKey, TValue>.Loaded(value, tenantOf(value), lasts < until ? lasts : until);
        });
    }
}
