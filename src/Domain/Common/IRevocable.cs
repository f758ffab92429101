namespace HeadlessPortal.Domain.Common;

/// <summary>A tenant's credential that is revoked once and stays revoked, such as an API client or a publishable key.</summary>
public interface IRevocable : ITenantOwned
{
    bool IsRevoked { get; }

    /// <summary>Revokes now; a credential already revoked keeps its first revocation time.</summary>
    void Revoke(DateTimeOffset now);
}
