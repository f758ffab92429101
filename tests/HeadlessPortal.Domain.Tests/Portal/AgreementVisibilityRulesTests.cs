using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>Agreement statuses customers may see (PRODUCT.md#agreement-visibility).</summary>
public sealed class AgreementVisibilityRulesTests
{
    [Fact]
    public void AgreementVisibility_ShowsOnlyStatusesTheTenantListed()
    {
        AgreementStatus[] visible = [AgreementStatus.Active, AgreementStatus.Expired];

        Assert.True(AgreementVisibility.IsVisible(AgreementStatus.Active, visible));
        Assert.True(AgreementVisibility.IsVisible(AgreementStatus.Expired, visible));
        Assert.False(AgreementVisibility.IsVisible(AgreementStatus.Pending, visible));
        Assert.False(AgreementVisibility.IsVisible(AgreementStatus.Canceled, visible));
    }

    [Fact]
    public void AgreementVisibility_WithNoStatusListed_ShowsNone() =>
        Assert.All(Enum.GetValues<AgreementStatus>(), s => Assert.False(AgreementVisibility.IsVisible(s, [])));

    [Fact]
    public void AgreementVisibility_ByDefault_ShowsActiveAgreementsOnly()
    {
        var defaults = PortalSettings.CreateDefault(TenantId.New(), DateTimeOffset.UnixEpoch).VisibleAgreementStatuses;

        Assert.Equal([AgreementStatus.Active], Enum.GetValues<AgreementStatus>().Where(s => AgreementVisibility.IsVisible(s, defaults.ToList())));
    }
}
