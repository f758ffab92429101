using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using HeadlessPortal.Application.Common.Caching;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HeadlessPortal.Api.Portal;

/// <summary>
/// The answers of signed-in portal GETs, per session and URL, kept while the tenant's data does not change
/// (<see cref="ITenantDataVersions"/>) and for at most <see cref="CacheOptions.PortalResponseSeconds"/>: a user
/// paging through invoices, or a front end polling "My tasks", is answered from memory until something of the
/// company's changes. Every such answer carries an ETag, and If-None-Match answers 304. A request with
/// Cache-Control: no-cache is answered from the database (and refreshes the cached answer).
/// </summary>
public sealed class PortalResponseCache(ITenantDataVersions versions, IClock clock, CacheOptions options)
{
    private readonly ReadCache<Key, CachedJsonResponse> _responses =
        new(versions, clock, (long)options.PortalResponseMegabytes * 1024 * 1024, (key, response) => response.Body.Length + (key.PathAndQuery.Length * 2) + 200);

    private readonly ConcurrentDictionary<Key, Task<Read?>> _reading = new();

    public bool Enabled => options.Enabled && options.PortalResponseSeconds > 0;

    public bool TryGet(Key key, out CachedJsonResponse response) => _responses.TryGet(key, out response!);

    /// <summary>
    /// Reads an answer once for all the requests that miss it together: when an entry expires or its tenant's data
    /// changes under many concurrent requests, one of them reads the database and the others take its answer, if
    /// nothing changed since that read started; otherwise (or when it was not a 200) they read their own.
    /// </summary>
    public async Task<object?> ReadOnceAsync(Key key, Func<Task<(object? Result, CachedJsonResponse? Answer)>> read, CancellationToken aborted)
    {
        var mine = new TaskCompletionSource<Read?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _reading.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            if (await running.WaitAsync(aborted) is { } shared && versions.UnchangedSince(shared.TenantId, shared.Stamp))
            {
                return shared.Answer;
            }

            return (await ReadAndKeepAsync(key, read)).Result;
        }

        try
        {
            var (result, answer, stamp) = await ReadAndKeepAsync(key, read);
            mine.TrySetResult(answer is null ? null : new Read(answer, key.TenantId, stamp));
            return result;
        }
        catch
        {
            mine.TrySetResult(null);
            throw;
        }
        finally
        {
            _reading.TryRemove(new KeyValuePair<Key, Task<Read?>>(key, mine.Task));
        }
    }

    /// <summary>Reads an answer (Cache-Control: no-cache, or a shared read that came too early) and keeps it when it is a 200.</summary>
    public async Task<(object? Result, CachedJsonResponse? Answer, long Stamp)> ReadAndKeepAsync(Key key, Func<Task<(object? Result, CachedJsonResponse? Answer)>> read)
    {
        var stamp = versions.Stamp();
        var (result, answer) = await read();
        if (answer is not null && Enabled)
        {
            _responses.Set(key, answer, key.TenantId, stamp, clock.UtcNow.AddSeconds(options.PortalResponseSeconds));
        }

        return (result, answer, stamp);
    }

    /// <summary>One answer: the tenant, the session, the host it was asked at (links in it may name it) and the URL.</summary>
    public readonly record struct Key(Guid TenantId, Guid SessionId, string Host, string PathAndQuery);

    private sealed record Read(CachedJsonResponse Answer, Guid TenantId, long Stamp);
}

/// <summary>Marks the endpoints whose GET answers <see cref="PortalResponseCacheFilter"/> serves (for the OpenAPI document).</summary>
public sealed class CachedPortalAnswers;

/// <summary>Serves signed-in portal GETs from <see cref="PortalResponseCache"/>, and stores their 200 answers in it.</summary>
internal sealed class PortalResponseCacheFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var session = http.RequestServices.GetRequiredService<CurrentPortalSession>().Value;
        var tenant = http.RequestServices.GetRequiredService<ICurrentTenant>().Id;
        if (!HttpMethods.IsGet(http.Request.Method) || session is null || tenant is null)
        {
            return await next(context);
        }

        var cache = http.RequestServices.GetRequiredService<PortalResponseCache>();
        var key = new PortalResponseCache.Key(tenant.Value.Value, session.SessionId, http.Request.Host.Value ?? string.Empty, http.Request.Path.Value + http.Request.QueryString.Value);
        if (!cache.Enabled || AsksForAFreshAnswer(http.Request))
        {
            return (await cache.ReadAndKeepAsync(key, () => ReadAsync(context, next))).Result;
        }

        if (cache.TryGet(key, out var cached))
        {
            return cached;
        }

        return await cache.ReadOnceAsync(key, () => ReadAsync(context, next), http.RequestAborted);
    }

    /// <summary>Runs the endpoint; a 200 with a value becomes a <see cref="CachedJsonResponse"/> (its bytes and ETag).</summary>
    private static async Task<(object? Result, CachedJsonResponse? Answer)> ReadAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (answer is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } || answer is not IValueHttpResult { Value: { } value })
        {
            return (result, null);
        }

        var json = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = CachedJsonResponse.For(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json));
        return (response, response);
    }

    // Cache-Control: no-cache (a browser's hard reload) reads the data again; the fresh answer replaces the cached one.
    private static bool AsksForAFreshAnswer(HttpRequest request) =>
        request.Headers.CacheControl.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase)) ||
        request.Headers.Pragma.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A JSON 200 answer with a strong ETag of its bytes; a request whose If-None-Match names it gets 304.</summary>
public sealed class CachedJsonResponse : IResult, IStatusCodeHttpResult
{
    private CachedJsonResponse(byte[] body, string etag)
    {
        Body = body;
        ETag = etag;
    }

    public byte[] Body { get; }

    public string ETag { get; }

    public int? StatusCode => StatusCodes.Status200OK;

    public static CachedJsonResponse For(byte[] body) =>
        new(body, "\"" + Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_') + "\"");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = "private, no-cache";
        if (Matches(httpContext.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body, httpContext.RequestAborted).AsTask();
    }

    private bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var mine = new EntityTagHeaderValue(ETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(mine, useStrongComparison: false));
    }
}
