using System.Text.Json;
using HeadlessPortal.Application.Auth;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeadlessPortal.Infrastructure.Auth.TokenServer;

/// <summary>What the token server needs to know about a client, read from the record that owns it.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="SecretHash">The secret's hash (<see cref="ISecrets"/>), or null for a public client.</param>
/// <param name="Permissions">OpenIddict permissions: endpoints, grant types, response types, scopes.</param>
/// <param name="RedirectUris">Registered redirect URIs, compared exactly.</param>
/// <param name="DisplayName">The client's name.</param>
/// <param name="RequiresPkce">Whether every authorization request must carry a PKCE challenge.</param>
public sealed record ClientDescription(string ClientId, string? SecretHash, IReadOnlyList<string> Permissions, IReadOnlyList<string> RedirectUris, string DisplayName, bool RequiresPkce);

/// <summary>
/// The token server's view of clients. API clients (and front-end apps) stay the one source of truth; the token server's
/// application row is a copy, brought up to date whenever the server looks a client up by its id, so a rotated secret, a
/// revoked client or a changed redirect URI takes effect on the next request. A client whose record is gone or revoked
/// is not found, whatever its copy says.
/// </summary>
internal sealed class ClientRegistry(AppDbContext db)
{
    public async Task<ClientDescription?> DescribeAsync(string clientId, CancellationToken ct)
    {
        if (clientId == FirstPartyClient.Id)
        {
            return new ClientDescription(
                FirstPartyClient.Id,
                SecretHash: null,
                [
                    Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                    Permissions.Prefixes.GrantType + FirstPartyClient.SessionGrantType, Permissions.GrantTypes.RefreshToken,
                ],
                [],
                "Portal sign-in",
                RequiresPkce: false);
        }

        var apiClient = await db.ApiClients.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (apiClient is not null)
        {
            return apiClient.IsRevoked
                ? null
                : new ClientDescription(
                    apiClient.ClientId,
                    apiClient.SecretHash,
                    [Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, .. apiClient.Scopes.Select(s => Permissions.Prefixes.Scope + s)],
                    [],
                    apiClient.Name,
                    RequiresPkce: false);
        }

        var app = await db.Set<OAuthApp>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == clientId, ct);
        return app is null
            ? null
            : new ClientDescription(
                app.ClientId,
                app.SecretHash,
                [
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                ],
                app.RedirectUris,
                app.Name,
                RequiresPkce: true);
    }

    /// <summary>
    /// Requests in this process that find a client's copy missing or out of date at the same moment write it one at a time
    /// (a gate per client id, 64 of them shared by hash): the first writes it, the others then find it current. Without
    /// them a burst of first sign-ins raced to insert the same row, and the API's log recorded every loser's unique
    /// violation as a failure. Processes sharing the database can still race; the unique index decides (below).
    /// </summary>
    private static readonly SemaphoreSlim[] CopyGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The application row for a client, created or brought up to date from its record; null when there is no such client.</summary>
    public async Task<TokenServerApplication?> SyncAsync(string clientId, CancellationToken ct)
    {
        var description = await DescribeAsync(clientId, ct);
        if (description is null)
        {
            return null;
        }

        var copy = Copy.Of(description);
        var row = await db.Set<TokenServerApplication>().SingleOrDefaultAsync(a => a.ClientId == clientId, ct);
        if (row is not null && copy.Matches(row))
        {
            return row;
        }

        var gate = CopyGates[(int)((uint)StringComparer.Ordinal.GetHashCode(clientId) % (uint)CopyGates.Length)];
        await gate.WaitAsync(ct);
        try
        {
            // Another request may have written the copy while this one waited.
            if (row is null)
            {
                row = await db.Set<TokenServerApplication>().SingleOrDefaultAsync(a => a.ClientId == clientId, ct);
            }
            else
            {
                // A row deleted meanwhile comes back detached: it is made again below.
                await db.Entry(row).ReloadAsync(ct);
                row = db.Entry(row).State == EntityState.Detached ? null : row;
            }

            if (row is not null && copy.Matches(row))
            {
                return row;
            }

            if (row is null)
            {
                row = new TokenServerApplication { Id = UuidV7.NewGuid(), ClientId = clientId };
                db.Add(row);
            }

            copy.WriteTo(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception e) when (e is DbUpdateException or UniqueConstraintViolationException)
            {
                // Another process made or changed the same copy at the same moment; what it wrote came from the same record.
                db.Entry(row).State = EntityState.Detached;
                return await db.Set<TokenServerApplication>().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == clientId, ct);
            }

            return row;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The columns of a client's copy that come from its record, in the form the row stores them.</summary>
    private sealed record Copy(string? SecretHash, string ClientType, string Permissions, string RedirectUris, string RequiredFeatures, string DisplayName)
    {
        public static Copy Of(ClientDescription description) => new(
            description.SecretHash,
            description.SecretHash is null ? ClientTypes.Public : ClientTypes.Confidential,
            JsonSerializer.Serialize(description.Permissions),
            JsonSerializer.Serialize(description.RedirectUris),
            description.RequiresPkce ? JsonSerializer.Serialize(new[] { Requirements.Features.ProofKeyForCodeExchange }) : "[]",
            description.DisplayName);

        public bool Matches(TokenServerApplication row) =>
            row.ClientSecret == SecretHash && row.Permissions == Permissions && row.RedirectUris == RedirectUris
            && row.ClientType == ClientType && row.DisplayName == DisplayName && row.Requirements == RequiredFeatures;

        public void WriteTo(TokenServerApplication row)
        {
            row.ClientSecret = SecretHash;
            row.ClientType = ClientType;
            row.ApplicationType = ApplicationTypes.Web;
            row.ConsentType = ConsentTypes.Implicit;
            row.Permissions = Permissions;
            row.RedirectUris = RedirectUris;
            row.Requirements = RequiredFeatures;
            row.DisplayName = DisplayName;
            row.ConcurrencyToken = Guid.NewGuid().ToString();
        }
    }
}

/// <summary>
/// OpenIddict's application manager, with clients found through <see cref="ClientRegistry"/> and secrets kept in our own
/// form (<see cref="ISecrets"/>: a SHA-256 of a 256-bit random secret), so an API client's existing secret keeps working.
/// </summary>
internal sealed class TokenServerApplicationManager(
    IOpenIddictApplicationCache<TokenServerApplication> cache,
    ILogger<OpenIddictApplicationManager<TokenServerApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TokenServerApplication> store,
    ClientRegistry registry,
    ISecrets secrets)
    : OpenIddictApplicationManager<TokenServerApplication>(cache, logger, options, store)
{
    public override async ValueTask<TokenServerApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(identifier) ? null : await registry.SyncAsync(identifier, cancellationToken);

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(secrets.Hash(secret));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(secrets.Verify(secret, comparand));
}
