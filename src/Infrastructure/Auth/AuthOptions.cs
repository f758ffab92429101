namespace HeadlessPortal.Infrastructure.Auth;

/// <summary>Configuration section "Auth".</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const string Audience = "headlessportal-api";

    /// <summary>The token issuer, the API's public base URL; required outside Development (the API checks it), where empty means the base URL of the request.</summary>
    public string? Issuer { get; set; }

    public int AccessTokenMinutes { get; set; } = 15;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    /// <summary>How long a process reuses the keys it read before reading them again.</summary>
    public int KeyCacheSeconds { get; set; } = 60;

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
}
