using HeadlessPortal.Domain.ApiClients;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.ApiClients;

public sealed class ApiClientTests
{
    [Fact]
    public void Scopes_AdminHasAll_OfficeReadsButCannotChangeSettingsOrManageClients_IntegrationSyncsButCannotChangeSettings()
    {
        Assert.Equal(Scopes.All, Scopes.For(ApiClientRole.Admin));
        Assert.DoesNotContain(Scopes.ClientsWrite, Scopes.For(ApiClientRole.Office));
        Assert.Contains(Scopes.SettingsRead, Scopes.For(ApiClientRole.Office));
        Assert.DoesNotContain(Scopes.SettingsWrite, Scopes.For(ApiClientRole.Office));
        Assert.Contains(Scopes.SyncWrite, Scopes.For(ApiClientRole.Integration));
        Assert.DoesNotContain(Scopes.SettingsWrite, Scopes.For(ApiClientRole.Integration));
        Assert.DoesNotContain(Scopes.ClientsWrite, Scopes.For(ApiClientRole.Integration));
    }

    [Fact]
    public void Revoke_KeepsTheFirstRevocationTime_AndARevokedClientCannotRotate()
    {
        var client = ApiClient.Create(TenantId.New(), "cli_1", "Sync", ApiClientRole.Integration, "sha256:x", DateTimeOffset.UtcNow);
        var first = DateTimeOffset.UtcNow;
        client.Revoke(first);
        client.Revoke(first.AddHours(1));

        Assert.Equal(first, client.RevokedAt);
        Assert.Equal("client_revoked", Assert.Throws<DomainException>(() => client.RotateSecret("sha256:y", DateTimeOffset.UtcNow)).Code);
    }
}
