using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.Application.Common.Security;

namespace HeadlessPortal.Infrastructure.Security;

/// <summary>
/// Credentials are 256 random bits, so a single SHA-256 is a sound way to store them (no dictionary to
/// slow down); people's passwords use PasswordHasher instead.
/// </summary>
internal sealed class Secrets : ISecrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string NewSecret(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string NewIdentifier(string prefix, int length) => prefix + RandomNumberGenerator.GetString(Alphabet, length);

    public string Hash(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Verify(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
}
