namespace HeadlessPortal.Application.PortalAuth;

/// <summary>The outcome of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, and the hash should be replaced with one made with today's parameters.</summary>
    SuccessRehashNeeded,
}

/// <summary>Hashes people's passwords (ASP.NET Core Identity's PasswordHasher: PBKDF2 with a salt).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

/// <summary>A list of passwords too common to allow.</summary>
public interface ICommonPasswords
{
    /// <summary>Compared without regard to case.</summary>
    bool Contains(string password);
}

/// <summary>What a portal access token says: the tenant, the session and who is in it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="SessionId">The session; every request checks it is still open.</param>
/// <param name="Subject">The user id, or "link:{customerId}" for a portal-link session.</param>
public sealed record PortalAccessClaims(Guid TenantId, Guid SessionId, string Subject);

/// <summary>Signs portal access tokens with the token service's keys.</summary>
public interface IPortalAccessTokenIssuer
{
    Task<Auth.IssuedToken> IssueAsync(PortalAccessClaims claims, string issuer, CancellationToken cancellationToken);
}
