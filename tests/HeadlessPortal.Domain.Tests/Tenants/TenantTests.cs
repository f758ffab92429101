using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Tenants;

public sealed class TenantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_WhenNoAccountSettingsGiven_UsesNameAndDefaults()
    {
        var tenant = Tenant.Create("  Acme HVAC ", "acme-hvac", HostName.FromTrusted("acme-hvac"), null, Now);

        Assert.Equal("Acme HVAC", tenant.Name);
        Assert.Equal("Acme HVAC", tenant.AccountSettings.DisplayName);
        Assert.Equal("America/New_York", tenant.AccountSettings.TimeZone);
        Assert.Equal("usd", tenant.AccountSettings.Currency);
        Assert.Equal(Now, tenant.CreatedAt);
        Assert.Equal(Now, tenant.UpdatedAt);
        Assert.Equal(7, tenant.Id.Value.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenNameBlank_Throws(string name)
    {
        var ex = Assert.Throws<DomainException>(() => Tenant.Create(name, "acme", HostName.FromTrusted("acme-hvac"), null, Now));
        Assert.Equal("required", ex.Code);
    }

    [Fact]
    public void Create_WhenNameTooLong_Throws() =>
        Assert.Equal("too_long", Assert.Throws<DomainException>(() =>
            Tenant.Create(new string('n', Tenant.NameMaxLength + 1), "acme", HostName.FromTrusted("acme-hvac"), null, Now)).Code);

    [Fact]
    public void Create_WhenSlugIsNotCanonical_Throws() =>
        Assert.Equal("invalid_slug", Assert.Throws<DomainException>(() =>
            Tenant.Create("Acme", "Acme HVAC", HostName.FromTrusted("acme-hvac"), null, Now)).Code);

    [Fact]
    public void ChangeHostName_WhenDifferent_ChangesItAndUpdatedAt()
    {
        var tenant = Tenant.Create("Acme", "acme", HostName.FromTrusted("acme-hvac"), null, Now);
        tenant.ChangeHostName(HostName.FromTrusted("acme-air"), Now.AddHours(1));

        Assert.Equal("acme-air", tenant.HostName.Value);
        Assert.Equal(Now.AddHours(1), tenant.UpdatedAt);
        Assert.Equal(Now, tenant.CreatedAt);
    }

    [Fact]
    public void ChangeHostName_WhenSame_ChangesNothing()
    {
        var tenant = Tenant.Create("Acme", "acme", HostName.FromTrusted("acme-hvac"), null, Now);
        tenant.ChangeHostName(HostName.FromTrusted("acme-hvac"), Now.AddHours(1));

        Assert.Equal(Now, tenant.UpdatedAt);
    }

    [Fact]
    public void TenantIds_WhenCreatedInSequence_SortByCreation()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => TenantId.New()).ToList();
        Assert.Equal(ids, ids.Order().ToList());
        Assert.All(ids, id => Assert.Equal(7, id.Value.Version));
    }
}
