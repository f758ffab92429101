namespace HeadlessPortal.Application.Common.Security;

/// <summary>
/// The tokens of direct links (payment links, estimate links): a prefix and 256 random bits, only their hash stored.
/// One place makes them and reads them back, so every kind of link has the same strength and the same refusals.
/// </summary>
public static class DirectLinkTokens
{
    /// <summary>Longer values are not tokens; they are refused without a database read.</summary>
    public const int TokenMaxLength = 200;

    /// <summary>A new token with <paramref name="prefix"/>, and the hash to store.</summary>
    public static (string Token, string Hash) New(ISecrets secrets, string prefix)
    {
        var token = secrets.NewSecret(prefix);
        return (token, secrets.Hash(token));
    }

    /// <summary>The hash to look <paramref name="token"/> up by, or null when it cannot be a token of this kind (empty, too long, another prefix).</summary>
    public static string? HashOf(ISecrets secrets, string? token, string prefix) =>
        string.IsNullOrEmpty(token) || token.Length > TokenMaxLength || !token.StartsWith(prefix, StringComparison.Ordinal) ? null : secrets.Hash(token);
}
