using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.PortalUsers;
using OpenIddict.Abstractions;

namespace HeadlessPortal.Infrastructure.Auth.TokenServer;

/// <summary>
/// Keeps the token server's tables small: deletes the codes and refresh tokens that can no longer be used (redeemed,
/// revoked, or expired) and the authorizations left without a valid token, once they are older than
/// <see cref="Retention"/>, across tenants (OpenIddict's managers' PruneAsync). The retention outlasts a refresh token's
/// lifetime, so a spent refresh token is still on record, and its reuse still detected, for as long as it could be presented.
/// </summary>
internal sealed class TokenServerPruning(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, IClock clock) : IMaintenanceTask
{
    /// <summary>A refresh token's whole lifetime (the portal session's), and a day more.</summary>
    public static readonly TimeSpan Retention = PortalSession.AbsoluteLifetime + TimeSpan.FromDays(1);

    public string Name => "oauth.token-pruning";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var threshold = clock.UtcNow - Retention;

        // Tokens first: an authorization is pruned only once none of its tokens is valid.
        await tokens.PruneAsync(threshold, cancellationToken);
        await authorizations.PruneAsync(threshold, cancellationToken);
    }
}
