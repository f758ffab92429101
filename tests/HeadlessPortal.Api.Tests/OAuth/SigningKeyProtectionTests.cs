using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Infrastructure.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeadlessPortal.Api.Tests.OAuth;

/// <summary>Signing keys at rest: protected by the operator's Data Protection key ring, never readable from the database alone.</summary>
public sealed class SigningKeyProtectionTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task SigningKeys_AreStoredProtected_AndAKeyStoredInClearBeforeTheUpgradeKeepsWorking(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:KeysDirectory"] = Directory.CreateTempSubdirectory("hp-test-keyring-").FullName,
            ["Auth:KeyCacheSeconds"] = "0",
        };
        using var legacy = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var legacyClear = Convert.ToBase64String(legacy.ExportPkcs8PrivateKey());
        string token;
        await using (var before = new ApiFactory(database, settings))
        {
            var session = await AdminSession.StartAsync(before);
            var created = Assert.Single(await StoredKeysAsync(before));
            Assert.False(IsClearPkcs8(created.PrivateKey), "a new key is stored protected");

            // A key an earlier version wrote in clear, newer than the one above, so it is the one that signs.
            await InsertClearKeyAsync(before, "legacy-clear-key", legacyClear);
            token = await AdminSession.TokenAsync(before, session.ClientId, session.ClientSecret);

            Assert.Equal("legacy-clear-key", new JsonWebToken(token).Kid);
            var check = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = new ECDsaSecurityKey(legacy), ValidateIssuer = false, ValidateAudience = false,
            });
            Assert.True(check.IsValid, "signed with the key that was stored in clear");

            // Reading it protected it: nothing in the table is a usable key any more.
            var stored = await StoredKeysAsync(before);
            Assert.Equal(2, stored.Count);
            Assert.All(stored, k => Assert.False(IsClearPkcs8(k.PrivateKey), $"{k.Kid} is stored protected"));
            Assert.DoesNotContain(stored, k => k.PrivateKey.Contains(legacyClear, StringComparison.Ordinal));
        }

        // Another process with the same key ring reads the protected keys and accepts the token.
        await using var after = new ApiFactory(database, settings);
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/portal-settings")).StatusCode);
    }

    [Fact]
    public async Task KeyRing_ProtectedWithACertificate_IsEncryptedOnDisk_AndSharedByProcessesThatUseItsDirectory()
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        var directory = Directory.CreateTempSubdirectory("hp-test-keyring-").FullName;
        var certificatePath = Path.Combine(directory, "..", Path.GetFileName(directory) + ".pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=HeadlessPortal key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "ring-password"));
        }

        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:KeysDirectory"] = directory,
            ["DataProtection:CertificatePath"] = certificatePath,
            ["DataProtection:CertificatePassword"] = "ring-password",
        };
        string token;
        await using (var first = new ApiFactory(database, settings))
        {
            var session = await AdminSession.StartAsync(first);
            token = session.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        var ring = Directory.GetFiles(directory, "*.xml");
        Assert.NotEmpty(ring);
        Assert.All(ring, file =>
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        await using var second = new ApiFactory(database, settings);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/portal-settings")).StatusCode);
        File.Delete(certificatePath);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Startup_OutsideDevelopmentWithoutAKeyRingDirectory_RefusesToStartNamingTheSetting(string environment)
    {
        await using var database = await TestDatabase.CreateAsync(TestDb.Sqlite);
        await using var factory = new ApiFactory(database, new Dictionary<string, string?>
        {
            ["DataProtection:KeysDirectory"] = "",
            ["Auth:Issuer"] = "https://api.example",
        }, environment: environment);

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var refusal = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(refusal);
        Assert.Contains("DataProtection:KeysDirectory", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refusal.Message, StringComparison.Ordinal);
    }

    private static bool IsClearPkcs8(string stored)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(stored), out _);
            return true;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }

    private static async Task InsertClearKeyAsync(ApiFactory factory, string kid, string privateKey)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = Guid.NewGuid();
        var createdAt = DateTimeOffset.UtcNow.AddSeconds(1);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "SigningKeys" ("Id", "Kid", "Algorithm", "PrivateKey", "CreatedAt") VALUES ({id}, {kid}, {"ES256"}, {privateKey}, {createdAt})""");
    }

    private static async Task<List<StoredKey>> StoredKeysAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQuery<StoredKey>($"""SELECT "Kid", "PrivateKey" FROM "SigningKeys" """).ToListAsync();
    }

    private sealed class StoredKey
    {
        public string Kid { get; set; } = null!;

        public string PrivateKey { get; set; } = null!;
    }
}
