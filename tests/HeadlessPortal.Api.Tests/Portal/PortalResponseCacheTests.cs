using System.Text;
using HeadlessPortal.Api.Portal;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Infrastructure.Caching;

namespace HeadlessPortal.Api.Tests.Portal;

/// <summary>Requests that miss the same answer together read it once, unless the data changed meanwhile.</summary>
public sealed class PortalResponseCacheTests
{
    private readonly TenantDataVersions _versions = new();
    private readonly PortalResponseCache _cache;
    private readonly PortalResponseCache.Key _key = new(Guid.NewGuid(), Guid.NewGuid(), "localhost", "/v1/portal/tasks");
    private int _reads;

    public PortalResponseCacheTests() => _cache = new PortalResponseCache(_versions, new MovableClock(), new CacheOptions());

    private Func<Task<(object? Result, CachedJsonResponse? Answer)>> Read(Task gate) => async () =>
    {
        var n = Interlocked.Increment(ref _reads);
        await gate;
        var answer = CachedJsonResponse.For(Encoding.UTF8.GetBytes($"{{\"read\":{n}}}"));
        return (answer, answer);
    };

    [Fact]
    public async Task ConcurrentMisses_ReadOnce_AndAllGetThatAnswer()
    {
        var gate = new TaskCompletionSource();
        // Each call joins (or starts) the shared read before its first await, so all 20 overlap the one read
        // however late the thread pool would have started them.
        var requests = Enumerable.Range(0, 20).Select(_ => _cache.ReadOnceAsync(_key, Read(gate.Task), CancellationToken.None)).ToList();
        await WaitForAsync(() => _reads == 1);

        gate.SetResult();
        var answers = await Task.WhenAll(requests);

        Assert.Equal(1, _reads);
        Assert.All(answers, a => Assert.Equal("{\"read\":1}", Encoding.UTF8.GetString(((CachedJsonResponse)a!).Body)));
        Assert.True(_cache.TryGet(_key, out var kept));
        Assert.Equal("{\"read\":1}", Encoding.UTF8.GetString(kept.Body));
    }

    [Fact]
    public async Task AChangeWhileTheSharedReadRuns_MakesTheWaitersReadAgain()
    {
        var first = new TaskCompletionSource();
        var reading = _cache.ReadOnceAsync(_key, Read(first.Task), CancellationToken.None);
        await WaitForAsync(() => _reads == 1);
        var waiting = _cache.ReadOnceAsync(_key, Read(Task.CompletedTask), CancellationToken.None);

        _versions.Changed(_key.TenantId);
        first.SetResult();

        Assert.Equal("{\"read\":1}", Encoding.UTF8.GetString(((CachedJsonResponse)(await reading)!).Body));
        Assert.Equal("{\"read\":2}", Encoding.UTF8.GetString(((CachedJsonResponse)(await waiting)!).Body));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task AnAnswerThatIsNotA200_IsNotShared()
    {
        var gate = new TaskCompletionSource();
        var notFound = Microsoft.AspNetCore.Http.TypedResults.NotFound();
        var reads = 0;
        Func<Task<(object? Result, CachedJsonResponse? Answer)>> read = async () =>
        {
            Interlocked.Increment(ref reads);
            await gate.Task;
            return ((object?)notFound, (CachedJsonResponse?)null);
        };
        var first = _cache.ReadOnceAsync(_key, read, CancellationToken.None);
        await WaitForAsync(() => reads == 1);
        var second = _cache.ReadOnceAsync(_key, read, CancellationToken.None);

        gate.SetResult();

        Assert.Same(notFound, await first);
        Assert.Same(notFound, await second);
        Assert.Equal(2, reads);
        Assert.False(_cache.TryGet(_key, out _));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
