using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Infrastructure.Auth;

/// <summary>An ES256 signing key. Kept in the database so every API process signs and verifies with the same keys.</summary>
internal sealed class SigningKeyRecord : IPlatformScoped
{
    public const int KidMaxLength = 64;

    public Guid Id { get; set; }

    /// <summary>The JWT "kid".</summary>
    public string Kid { get; set; } = null!;

    public string Algorithm { get; set; } = null!;

    /// <summary>The private key, PKCS#8, encrypted with the Data Protection key ring (<see cref="SigningKeyProtector"/>); plain base64 when an earlier version stored it.</summary>
    public string PrivateKey { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a newer key took over signing; tokens it signed stay valid until they expire.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
