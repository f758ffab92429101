using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Portal;

/// <summary>
/// A public key ("pk_...") that identifies a tenant to the public and portal APIs from a browser. It is
/// not a secret; what protects it is the list of origins allowed to use it (CORS).
/// </summary>
public sealed class PublishableKey : IRevocable
{
    public const string Prefix = "pk_";
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 100;
    public const int MaxOrigins = 20;
    public const int OriginMaxLength = 253 + 16;

    private List<string> _allowedOrigins = [];

    private PublishableKey()
    {
        Key = null!;
        Name = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string Key { get; private set; }

    public string Name { get; private set; }

    /// <summary>Browser origins (scheme://host[:port]) allowed to call the API with this key.</summary>
    public IReadOnlyList<string> AllowedOrigins => _allowedOrigins;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static PublishableKey Create(TenantId tenantId, string key, string name, IEnumerable<string> allowedOrigins, DateTimeOffset now)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > KeyMaxLength)
        {
            throw new DomainException("invalid_key", $"A publishable key starts with {Prefix}.");
        }

        var origins = new List<string>();
        foreach (var origin in allowedOrigins)
        {
            origins.Add(NormalizeOrigin(origin) ?? throw new DomainException("invalid_origin", $"\"{origin}\" is not an origin such as https://www.example.com."));
        }

        if (origins.Distinct(StringComparer.Ordinal).Count() > MaxOrigins)
        {
            throw new DomainException("too_many_origins", $"A key allows at most {MaxOrigins} origins.");
        }

        return new PublishableKey
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            Key = key,
            Name = Guard.Required(name, "Name", NameMaxLength),
            _allowedOrigins = origins.Distinct(StringComparer.Ordinal).ToList(),
            CreatedAt = now,
        };
    }

    /// <summary>"https://Shop.Example.com:443/" becomes "https://shop.example.com"; anything with a path, query or credentials is not an origin.</summary>
    public static string? NormalizeOrigin(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > OriginMaxLength
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || value.Trim().TrimEnd('/').Count(c => c == '/') != 2)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public bool Allows(string origin) => !IsRevoked && _allowedOrigins.Contains(origin, StringComparer.Ordinal);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
