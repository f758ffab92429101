using System.Buffers.Text;
using System.Security.Cryptography;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace HeadlessPortal.Infrastructure.Auth;

/// <summary>A signing key ready to use, with its public half for JWKS.</summary>
public sealed record SigningKey(string Kid, ECDsaSecurityKey SecurityKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>The public key as a JSON Web Key (RFC 7517/7518); never the private part.</summary>
    public IReadOnlyDictionary<string, string> ToPublicJwk()
    {
        var p = SecurityKey.ECDsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(p.Q.X),
            ["y"] = Base64Url.EncodeToString(p.Q.Y),
            ["kid"] = Kid,
            ["use"] = "sig",
            ["alg"] = "ES256",
        };
    }
}

/// <summary>
/// Signing keys from the database, cached briefly per process. The newest unretired key signs; every key
/// that signed a still-valid token verifies and is published, so rotation never breaks live tokens. Private keys are
/// stored encrypted with the Data Protection key ring (<see cref="SigningKeyProtector"/>); a key an earlier version
/// stored in clear is encrypted in place the first time a process reads it.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, IClock clock, AuthOptions options, SigningKeyProtector protector)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SigningKey>? _keys;
    private DateTimeOffset _loadedAt;

    public async Task<SigningKey> GetSigningKeyAsync(CancellationToken ct)
    {
        var keys = await GetKeysAsync(forceReload: false, ct);
        var active = keys.Where(k => k.RetiredAt is null).MaxBy(k => k.CreatedAt);
        if (active is not null)
        {
            return active;
        }

        await CreateKeyAsync(retireOthers: false, ct);
        return (await GetKeysAsync(forceReload: true, ct)).Where(k => k.RetiredAt is null).MaxBy(k => k.CreatedAt)!;
    }

    /// <summary>Keys that may have signed a token that has not expired yet.</summary>
    public async Task<IReadOnlyList<SigningKey>> GetVerificationKeysAsync(bool forceReload, CancellationToken ct)
    {
        var oldestUseful = clock.UtcNow - options.AccessTokenLifetime - AuthOptions.ClockSkew;
        return (await GetKeysAsync(forceReload, ct)).Where(k => k.RetiredAt is null || k.RetiredAt > oldestUseful).ToList();
    }

    /// <summary>Starts signing with a new key; the old ones stay published until their tokens expire.</summary>
    public async Task<SigningKey> RotateAsync(CancellationToken ct)
    {
        await CreateKeyAsync(retireOthers: true, ct);
        return await GetSigningKeyAsync(ct);
    }

    private async Task CreateKeyAsync(bool retireOthers, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow;
        if (retireOthers)
        {
            foreach (var key in await db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync(ct))
            {
                key.RetiredAt = now;
            }
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        db.SigningKeys.Add(new SigningKeyRecord
        {
            Id = UuidV7.NewGuid(),
            Kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
            Algorithm = "ES256",
            PrivateKey = protector.Protect(ecdsa.ExportPkcs8PrivateKey()),
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        _keys = null;
    }

    private async Task<IReadOnlyList<SigningKey>> GetKeysAsync(bool forceReload, CancellationToken ct)
    {
        var cached = _keys;
        if (!forceReload && cached is not null && clock.UtcNow - _loadedAt < TimeSpan.FromSeconds(options.KeyCacheSeconds))
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var records = await db.SigningKeys.ToListAsync(ct);
            var keys = records.Select(ToKey).ToList();
            await ProtectClearKeysAsync(db, records, ct);
            _keys = keys;
            _loadedAt = clock.UtcNow;
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Encrypts keys an earlier version stored in clear. The key itself does not change, so the tokens it signed stay
    /// valid; whether it was read from the database before the upgrade is the operator's to judge (rotate if it may have been).
    /// </summary>
    private async Task ProtectClearKeysAsync(AppDbContext db, List<SigningKeyRecord> records, CancellationToken ct)
    {
        var clear = records.Where(r => !SigningKeyProtector.IsProtected(r.PrivateKey)).ToList();
        if (clear.Count == 0)
        {
            return;
        }

        foreach (var record in clear)
        {
            record.PrivateKey = protector.Protect(Convert.FromBase64String(record.PrivateKey));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another process protected (or rotated away) the same rows first; what it stored reads just as well.
        }
    }

    private SigningKey ToKey(SigningKeyRecord record)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(protector.Unprotect(record.PrivateKey, record.Kid), out _);
        return new SigningKey(record.Kid, new ECDsaSecurityKey(ecdsa) { KeyId = record.Kid }, record.CreatedAt, record.RetiredAt);
    }
}
