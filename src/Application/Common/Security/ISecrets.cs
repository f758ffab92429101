namespace HeadlessPortal.Application.Common.Security;

/// <summary>Random credentials and their storage form.</summary>
public interface ISecrets
{
    /// <summary>A new credential: <paramref name="prefix"/> followed by 256 random bits, base64url.</summary>
    string NewSecret(string prefix);

    /// <summary>A short random identifier (lowercase letters and digits) after <paramref name="prefix"/>.</summary>
    string NewIdentifier(string prefix, int length);

    /// <summary>The form kept in the database; the secret itself is never stored.</summary>
    string Hash(string secret);

    /// <summary>Compares in constant time.</summary>
    bool Verify(string secret, string hash);
}
