using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HeadlessPortal.Infrastructure.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Auth;

/// <summary>
/// Configuration section "DataProtection": the ASP.NET Core Data Protection key ring that encrypts the token signing
/// keys at rest. Every API process on one database must use the same ring (the same directory, and the same
/// certificate when one is set), or it cannot read the signing keys the others stored.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";
    public const string KeysDirectoryKey = "DataProtection:KeysDirectory";

    /// <summary>Where Development keeps the ring when none is configured, relative to the content root, beside the SQLite file.</summary>
    public const string DevelopmentKeysDirectory = "data/keys";

    /// <summary>
    /// Names the application to Data Protection. Processes protect and read each other's payloads only under the same
    /// name, which would otherwise default to each one's installation path.
    /// </summary>
    public const string ApplicationName = "HeadlessPortal";

    /// <summary>The key ring's directory (absolute, or relative to the content root). Required outside Development.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>An optional PKCS#12 (.pfx) certificate whose public key encrypts the ring's keys on disk.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>Registers the key ring of <see cref="KeyRingOptions"/>.</summary>
public static class KeyRing
{
    /// <summary>
    /// Data Protection with the operator's key ring. Outside Development a directory must be configured: the framework's
    /// default is a per-user folder on one machine, which other processes do not share and which a redeployed container
    /// loses, and with it every signing key.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = services.AddSettings<KeyRingOptions>(configuration, KeyRingOptions.SectionName);
        var directory = options.KeysDirectory is { Length: > 0 } configured
            ? configured
            : environment.IsDevelopment()
                ? KeyRingOptions.DevelopmentKeysDirectory
                : throw new OptionsValidationException(KeyRingOptions.SectionName, typeof(KeyRingOptions), [
                    $"{KeyRingOptions.KeysDirectoryKey} is not set, and this host runs in {environment.EnvironmentName}. The Data Protection key ring " +
                    "encrypts the token signing keys stored in the database: point it at a directory every API process shares " +
                    "(environment variable DataProtection__KeysDirectory), and optionally set DataProtection__CertificatePath (and " +
                    "DataProtection__CertificatePassword) to encrypt the ring on disk. Only Development has a default (data/keys)."]);

        var builder = services.AddDataProtection()
            .SetApplicationName(KeyRingOptions.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(Path.Combine(environment.ContentRootPath, directory))));
        if (options.CertificatePath is { Length: > 0 } certificatePath)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, options.CertificatePassword);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }
}

/// <summary>
/// Encrypts signing keys for the database with the Data Protection key ring, and reads them back. A stored key carries
/// a prefix that tells a protected key from one an earlier version stored in clear (plain base64, which never holds a
/// colon), so those keep working and are protected the first time they are read.
/// </summary>
public sealed class SigningKeyProtector(IDataProtectionProvider provider)
{
    private const string ProtectedPrefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("HeadlessPortal.SigningKeys.v1");

    public static bool IsProtected(string stored) => stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal);

    /// <summary>The PKCS#8 private key, protected for storage.</summary>
    public string Protect(byte[] pkcs8) => ProtectedPrefix + Convert.ToBase64String(_protector.Protect(pkcs8));

    /// <summary>The PKCS#8 private key of a stored value, protected or (from an earlier version) in clear.</summary>
    public byte[] Unprotect(string stored, string kid)
    {
        if (!IsProtected(stored))
        {
            return Convert.FromBase64String(stored);
        }

        try
        {
            return _protector.Unprotect(Convert.FromBase64String(stored[ProtectedPrefix.Length..]));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The signing key {kid} cannot be decrypted with this process's Data Protection key ring. Every API process on " +
                $"one database must use the same {KeyRingOptions.KeysDirectoryKey} (and the same certificate, when one is set).", e);
        }
    }
}
