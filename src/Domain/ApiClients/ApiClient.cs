using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.ApiClients;

/// <summary>What an API client may do; each role maps to a fixed set of scopes.</summary>
public enum ApiClientRole
{
    /// <summary>Everything, including managing other clients.</summary>
    Admin,

    /// <summary>Office staff tools: customers, bookings, payments, audit; reads settings but does not change them; not clients.</summary>
    Office,

    /// <summary>A back-office integration: data sync and reads.</summary>
    Integration,
}

/// <summary>The OAuth scopes of the Admin API.</summary>
public static class Scopes
{
    public const string SettingsRead = "settings:read";
    public const string SettingsWrite = "settings:write";
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string SyncWrite = "sync:write";
    public const string BookingsRead = "bookings:read";
    public const string BookingsWrite = "bookings:write";
    public const string PaymentsRead = "payments:read";
    public const string PaymentsWrite = "payments:write";
    public const string AuditRead = "audit:read";
    public const string ClientsWrite = "clients:write";

    /// <summary>Reading webhook endpoints and their delivery logs.</summary>
    public const string WebhooksRead = "webhooks:read";

    /// <summary>Registering, changing and deleting webhook endpoints, their secrets, pings and redeliveries.</summary>
    public const string WebhooksWrite = "webhooks:write";

    public static readonly IReadOnlyList<string> All =
        [SettingsRead, SettingsWrite, CustomersRead, CustomersWrite, SyncWrite, BookingsRead, BookingsWrite, PaymentsRead, PaymentsWrite, AuditRead, ClientsWrite, WebhooksRead, WebhooksWrite];

    public static IReadOnlyList<string> For(ApiClientRole role) => role switch
    {
        ApiClientRole.Admin => All,
        // Configuring the portal (settings, host name, keys, sender numbers, templates) is an admin's job.
        ApiClientRole.Office => [SettingsRead, CustomersRead, CustomersWrite, BookingsRead, BookingsWrite, PaymentsRead, PaymentsWrite, AuditRead, WebhooksRead],
        // Where the company's events go, and with which secret, is an admin's choice; the others may read the delivery logs.
        ApiClientRole.Integration => [SettingsRead, CustomersRead, CustomersWrite, SyncWrite, BookingsRead, BookingsWrite, PaymentsRead, WebhooksRead],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}

/// <summary>
/// A machine credential of one tenant, used with the OAuth2 client-credentials grant. Only a hash of the
/// secret is kept; the secret itself is shown once, when the client is created or its secret rotated.
/// </summary>
public sealed class ApiClient : IRevocable
{
    public const int ClientIdMaxLength = 64;

    /// <summary>A chosen secret may be long, not unbounded: it is hashed on every token request.</summary>
    public const int SecretMaxLength = 256;
    public const int NameMaxLength = 100;

    private ApiClient()
    {
        ClientId = null!;
        Name = null!;
        SecretHash = null!;
    }

    private ApiClient(TenantId tenantId, string clientId, string name, ApiClientRole role, string secretHash, DateTimeOffset now)
    {
        Id = UuidV7.NewGuid();
        TenantId = tenantId;
        ClientId = clientId;
        Name = name;
        Role = role;
        SecretHash = secretHash;
        CreatedAt = now;
        SecretRotatedAt = now;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The public identifier sent to the token endpoint; unique across all tenants.</summary>
    public string ClientId { get; private set; }

    public string Name { get; private set; }

    public ApiClientRole Role { get; private set; }

    public string SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset SecretRotatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlyList<string> Scopes => ApiClients.Scopes.For(Role);

    public static ApiClient Create(TenantId tenantId, string clientId, string name, ApiClientRole role, string secretHash, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > ClientIdMaxLength)
        {
            throw new DomainException("invalid_client_id", $"A client id has 1 to {ClientIdMaxLength} characters.");
        }

        return new ApiClient(tenantId, clientId, Guard.Required(name, "Name", NameMaxLength), role, secretHash, now);
    }

    public void RotateSecret(string secretHash, DateTimeOffset now)
    {
        EnsureActive();
        SecretHash = secretHash;
        SecretRotatedAt = now;
    }

    /// <summary>Revokes the client: no new token is issued from now on. Revoking twice keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private void EnsureActive()
    {
        if (IsRevoked)
        {
            throw new DomainException("client_revoked", "The client is revoked.", DomainErrorKind.Conflict);
        }
    }
}
