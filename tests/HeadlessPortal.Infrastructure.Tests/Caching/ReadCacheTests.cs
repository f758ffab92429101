using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Infrastructure.Caching;
using HeadlessPortal.Infrastructure.Tests.Messaging;

namespace HeadlessPortal.Infrastructure.Tests.Caching;

/// <summary>A cached read is served while its tenant's data has not changed since it was read, and within its lifetime.</summary>
public sealed class ReadCacheTests
{
    private static readonly Guid TenantA = Guid.NewGuid();
    private static readonly Guid TenantB = Guid.NewGuid();
    private readonly TenantDataVersions _versions = new();
    private readonly TestClock _clock = new();

    private ReadCache<string, string> Cache(long capacity = 100) => new(_versions, _clock, capacity);

    [Fact]
    public void Entry_IsServedUntilItsTenantChanges_AndAnotherTenantsChangeDoesNotMatter()
    {
        var cache = Cache();
        cache.Set("invoices", "page 1", TenantA, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));

        _versions.Changed(TenantB);
        Assert.True(cache.TryGet("invoices", out var value));
        Assert.Equal("page 1", value);

        _versions.Changed(TenantA);
        Assert.False(cache.TryGet("invoices", out _));
    }

    [Fact]
    public void Entry_ReadBeforeAChangeButStoredAfterIt_IsNeverServed()
    {
        var cache = Cache();
        var stamp = _versions.Stamp();
        _versions.Changed(TenantA);

        cache.Set("invoices", "read before the change", TenantA, stamp, _clock.UtcNow.AddMinutes(1));

        Assert.False(cache.TryGet("invoices", out _));
    }

    [Fact]
    public void Entry_IsNotServedAfterItsLifetime()
    {
        var cache = Cache();
        cache.Set("tasks", "now", TenantA, _versions.Stamp(), _clock.UtcNow.AddSeconds(15));

        _clock.Advance(TimeSpan.FromSeconds(14));
        Assert.True(cache.TryGet("tasks", out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("tasks", out _));
    }

    [Fact]
    public void ChangedEverything_DropsEveryTenantsEntries()
    {
        var cache = Cache();
        cache.Set("a", "1", TenantA, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));
        cache.Set("b", "2", TenantB, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));

        _versions.ChangedEverything();

        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Capacity_WhenExceeded_StartsAgainEmpty()
    {
        var cache = new ReadCache<string, string>(_versions, _clock, capacity: 10, (_, value) => value.Length);
        cache.Set("a", "123456", TenantA, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));
        cache.Set("a", "1234", TenantA, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));
        cache.Set("b", "12345", TenantA, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));
        Assert.True(cache.TryGet("a", out _));

        cache.Set("c", "12", TenantA, _versions.Stamp(), _clock.UtcNow.AddMinutes(1));

        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out var kept));
        Assert.Equal("12", kept);
    }

    [Fact]
    public async Task GetOrLoad_ReadsOnce_AndDoesNotKeepAMissingValue()
    {
        var cache = Cache();
        var loads = 0;
        Task<ReadCache<string, string>.Loaded?> Load() { loads++; return Task.FromResult<ReadCache<string, string>.Loaded?>(new("v", TenantA, _clock.UtcNow.AddMinutes(1))); }

        Assert.Equal("v", await cache.GetOrLoadAsync("k", Load));
        Assert.Equal("v", await cache.GetOrLoadAsync("k", Load));
        Assert.Equal(1, loads);

        Assert.Null(await cache.GetOrLoadAsync("missing", () => Task.FromResult<ReadCache<string, string>.Loaded?>(null)));
        Assert.False(cache.TryGet("missing", out _));
    }
}
