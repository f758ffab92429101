using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.Application.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace HeadlessPortal.Infrastructure.Webhooks;

/// <summary>
/// Webhook signing secrets are needed in clear to sign, so they are encrypted (not hashed) with the Data Protection key
/// ring that protects the token signing keys, under their own purpose; a copy of the database alone does not reveal them.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider) : IWebhookSecrets
{
    private const string ProtectedPrefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("HeadlessPortal.WebhookSecrets.v1");

    public string NewSecret() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => ProtectedPrefix + Convert.ToBase64String(_protector.Protect(Encoding.UTF8.GetBytes(secret)));

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A webhook secret is stored unprotected.");
        }

        try
        {
            return Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(stored[ProtectedPrefix.Length..])));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "A webhook signing secret cannot be decrypted with this process's Data Protection key ring. Every API process on one database must use the same DataProtection:KeysDirectory.", e);
        }
    }
}

/// <summary>The Portal-Signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, one v1 per signing secret.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "Portal-Signature";

    public static string Header(IEnumerable<string> secrets, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        var parts = new List<string> { $"t={timestamp}" };
        parts.AddRange(secrets.Select(s => "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(s), signed))));
        return string.Join(',', parts);
    }
}
