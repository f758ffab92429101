using HeadlessPortal.Domain.ApiClients;

namespace HeadlessPortal.Application.ApiClients;

/// <summary>An API client, without its secret.</summary>
/// <param name="Id">Record id.</param>
/// <param name="ClientId">The id sent to POST /oauth/token.</param>
/// <param name="Name">What the client is for.</param>
/// <param name="Role">admin, office or integration.</param>
/// <param name="Scopes">The scopes its role grants.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="SecretRotatedAt">When its secret was last set.</param>
/// <param name="RevokedAt">When it was revoked; null while active.</param>
public sealed record ApiClientDto(
    Guid Id,
    string ClientId,
    string Name,
    ApiClientRole Role,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset SecretRotatedAt,
    DateTimeOffset? RevokedAt)
{
    public static ApiClientDto From(ApiClient client) => new(
        client.Id, client.ClientId, client.Name, client.Role, client.Scopes, client.CreatedAt, client.SecretRotatedAt, client.RevokedAt);
}

/// <summary>A client with its secret: shown once, at creation or rotation. Store the secret now; it cannot be read again.</summary>
/// <param name="Id">Record id.</param>
/// <param name="ClientId">The id sent to POST /oauth/token.</param>
/// <param name="ClientSecret">The secret; only its hash is kept.</param>
/// <param name="Name">What the client is for.</param>
/// <param name="Role">admin, office or integration.</param>
/// <param name="Scopes">The scopes its role grants.</param>
public sealed record ApiClientCredentialsDto(Guid Id, string ClientId, string ClientSecret, string Name, ApiClientRole Role, IReadOnlyList<string> Scopes);

/// <summary>The audit view of a client: never the secret or its hash.</summary>
internal sealed record ApiClientAuditView(string ClientId, string Name, ApiClientRole Role, DateTimeOffset SecretRotatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiClientAuditView From(ApiClient c) => new(c.ClientId, c.Name, c.Role, c.SecretRotatedAt, c.RevokedAt);
}
