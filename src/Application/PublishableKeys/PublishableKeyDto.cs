using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Application.PublishableKeys;

/// <summary>A publishable key: public, safe in a web page; only the listed origins may use it from a browser.</summary>
/// <param name="Id">Record id.</param>
/// <param name="Key">The key, sent as the X-Portal-Key header.</param>
/// <param name="Name">What it is for, such as "Website booking widget".</param>
/// <param name="AllowedOrigins">Browser origins allowed to call the API with it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while active.</param>
public sealed record PublishableKeyDto(Guid Id, string Key, string Name, IReadOnlyList<string> AllowedOrigins, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static PublishableKeyDto From(PublishableKey k) => new(k.Id, k.Key, k.Name, k.AllowedOrigins, k.CreatedAt, k.RevokedAt);
}
