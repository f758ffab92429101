using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Application.Common.Caching;

/// <summary>In-memory caches of what signed-in portal requests read (section "Cache"; docs/PERFORMANCE.md).</summary>
public sealed class CacheOptions : ISelfCheckingOptions
{
    public const string SectionName = "Cache";

    /// <summary>
    /// Whether portal requests use the caches: publishable keys, verified access tokens, open sessions, customer
    /// access and (see <see cref="PortalResponseSeconds"/>) whole responses. Off, every request reads the database.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest a cached read is kept while its tenant's data does not change.</summary>
    public int ReadSeconds { get; set; } = 60;

    /// <summary>
    /// The longest a signed-in portal GET's answer is kept while its tenant's data does not change; it also bounds
    /// how late answers that depend on the time (upcoming appointments) follow the clock. 0 turns response caching off.
    /// </summary>
    public int PortalResponseSeconds { get; set; } = 15;

    /// <summary>The memory the cached portal responses may take.</summary>
    public int PortalResponseMegabytes { get; set; } = 64;

    /// <summary>How often each process reads the changes other processes committed (DataChanges).</summary>
    public int ChangePollMilliseconds { get; set; } = 1000;

    /// <inheritdoc />
    public string? Problem() =>
        ReadSeconds < 1 || PortalResponseSeconds < 0 || PortalResponseMegabytes < 1 || ChangePollMilliseconds < 50
            ? "Cache: ReadSeconds must be at least 1, PortalResponseSeconds at least 0, PortalResponseMegabytes at least 1 and ChangePollMilliseconds at least 50."
            : null;
}
