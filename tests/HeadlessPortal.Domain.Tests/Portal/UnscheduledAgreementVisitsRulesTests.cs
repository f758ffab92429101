using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>PRODUCT.md#job-tabs: agreement visits waiting to be scheduled, one test per rule.</summary>
public sealed class UnscheduledAgreementVisitsRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void Shown_OnlyWhenTheTenantShowsUnscheduledAgreementVisits()
    {
        Assert.True(UnscheduledAgreementVisits.Shown(PortalFeatures.Defaults with { ShowUnscheduledAgreementVisits = true }));
        Assert.False(UnscheduledAgreementVisits.Shown(PortalFeatures.Defaults with { ShowUnscheduledAgreementVisits = false }));
    }

    [Theory]
    [InlineData(AgreementStatus.Active, true)]
    [InlineData(AgreementStatus.Pending, false)]
    [InlineData(AgreementStatus.Suspended, false)]
    [InlineData(AgreementStatus.Expired, false)]
    [InlineData(AgreementStatus.Canceled, false)]
    public void AgreementActive_OnlyActiveAgreementsHaveVisitsWaiting(AgreementStatus status, bool expected) =>
        Assert.Equal(expected, UnscheduledAgreementVisits.AgreementActive(status));

    [Theory]
    [InlineData(VisitStatus.Unscheduled, true)]
    [InlineData(VisitStatus.Scheduled, false)]
    [InlineData(VisitStatus.Completed, false)]
    [InlineData(VisitStatus.Canceled, false)]
    public void NotBooked_OnlyUnscheduledVisitsWait(VisitStatus status, bool expected) =>
        Assert.Equal(expected, UnscheduledAgreementVisits.NotBooked(status));

    [Fact]
    public void TargetNotPast_TodayCountsYesterdayDoesNot()
    {
        Assert.True(UnscheduledAgreementVisits.TargetNotPast(Today, Today));
        Assert.True(UnscheduledAgreementVisits.TargetNotPast(Today.AddDays(30), Today));
        Assert.False(UnscheduledAgreementVisits.TargetNotPast(Today.AddDays(-1), Today));
    }

    [Fact]
    public void IsWaiting_NeedsEveryCondition()
    {
        var visit = new PlanVisit("Spring tune-up", Today.AddDays(10), VisitStatus.Unscheduled, null);
        Assert.True(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, visit, Today));
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults with { ShowUnscheduledAgreementVisits = false }, AgreementStatus.Active, visit, Today));
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Expired, visit, Today));
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, visit with { Status = VisitStatus.Scheduled }, Today));
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, visit with { TargetDate = Today.AddDays(-1) }, Today));
    }
}
