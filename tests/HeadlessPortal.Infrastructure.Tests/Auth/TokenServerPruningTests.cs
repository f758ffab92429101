using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Infrastructure.Auth.TokenServer;
using HeadlessPortal.Infrastructure.Tests.Persistence;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeadlessPortal.Infrastructure.Tests.Auth;

/// <summary>The oauth.token-pruning maintenance task on the token server's tables.</summary>
public sealed class TokenServerPruningTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Pruning_DeletesOldTokensAndAuthorizationsThatCanNoLongerBeUsed_AndKeepsTheRest(TestDb engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var provider = await InfrastructureHost.BuildMigratedAsync(database);
        var now = DateTimeOffset.UtcNow;
        var old = now - TokenServerPruning.Retention - TimeSpan.FromDays(1);

        string revokedAuthorization, liveAuthorization, redeemedOld, revokedOld, expiredOld, validOld, redeemedRecent;
        await using (var scope = provider.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();

            async Task<string> AuthorizationAsync(string status) => (await authorizations.GetIdAsync(await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
            {
                CreationDate = old, Status = status, Subject = "user-1", Type = AuthorizationTypes.AdHoc,
            })))!;

            revokedAuthorization = await AuthorizationAsync(Statuses.Revoked);
            liveAuthorization = await AuthorizationAsync(Statuses.Valid);

            async Task<string> TokenAsync(string status, DateTimeOffset created, DateTimeOffset expires, string authorization) => (await tokens.GetIdAsync(await tokens.CreateAsync(new OpenIddictTokenDescriptor
            {
                AuthorizationId = authorization, CreationDate = created, ExpirationDate = expires, Status = status, Subject = "user-1", Type = TokenTypeHints.RefreshToken,
            })))!;

            redeemedOld = await TokenAsync(Statuses.Redeemed, old, now + TimeSpan.FromHours(1), liveAuthorization);
            revokedOld = await TokenAsync(Statuses.Revoked, old, now + TimeSpan.FromHours(1), liveAuthorization);
            expiredOld = await TokenAsync(Statuses.Valid, old, now - TimeSpan.FromHours(1), liveAuthorization);
            validOld = await TokenAsync(Statuses.Valid, old, now + TimeSpan.FromHours(1), liveAuthorization);
            redeemedRecent = await TokenAsync(Statuses.Redeemed, now - TimeSpan.FromDays(1), now + TimeSpan.FromDays(29), liveAuthorization);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetServices<IMaintenanceTask>().Single(t => t.Name == "oauth.token-pruning").RunAsync(CancellationToken.None);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            Assert.Null(await tokens.FindByIdAsync(redeemedOld));
            Assert.Null(await tokens.FindByIdAsync(revokedOld));
            Assert.Null(await tokens.FindByIdAsync(expiredOld));
            Assert.NotNull(await tokens.FindByIdAsync(validOld));

            // A spent refresh token younger than the retention stays on record, so presenting it again is still a reuse.
            Assert.NotNull(await tokens.FindByIdAsync(redeemedRecent));
            Assert.Null(await authorizations.FindByIdAsync(revokedAuthorization));
            Assert.NotNull(await authorizations.FindByIdAsync(liveAuthorization));
        }
    }
}
