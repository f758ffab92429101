using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>PRODUCT.md#job-tabs: job tabs and unscheduled agreement visits, one test per rule and the edge cases.</summary>
public sealed class JobTabsRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    private static AppointmentState A(AppointmentStatus status, int hoursFromNow = 24) => new(status, Now.AddHours(hoursFromNow));

    private static JobTab Tab(params AppointmentState[] appointments) => JobTabs.Classify(appointments, Now);

    [Fact]
    public void Canceled_WhenEveryAppointmentIsCanceled() =>
        Assert.Equal(JobTab.Canceled, Tab(A(AppointmentStatus.Canceled), A(AppointmentStatus.Canceled, -48)));

    [Fact]
    public void Completed_WhenEveryAppointmentIsCompleted() =>
        Assert.Equal(JobTab.Completed, Tab(A(AppointmentStatus.Completed, -48), A(AppointmentStatus.Completed, -24)));

    [Fact]
    public void Completed_WhenTheOthersAreCanceled_CanceledAppointmentsAreIgnored() =>
        Assert.Equal(JobTab.Completed, Tab(A(AppointmentStatus.Completed, -48), A(AppointmentStatus.Canceled, 24)));

    [Fact]
    public void OnHold_WhenEveryRemainingAppointmentIsOnHold() =>
        Assert.Equal(JobTab.OnHold, Tab(A(AppointmentStatus.OnHold, -2), A(AppointmentStatus.Canceled, -48)));

    [Fact]
    public void Upcoming_WhenEveryRemainingAppointmentIsScheduledInTheFuture() =>
        Assert.Equal(JobTab.Upcoming, Tab(A(AppointmentStatus.Scheduled, 2), A(AppointmentStatus.Scheduled, 48), A(AppointmentStatus.Canceled, -1)));

    [Fact]
    public void Upcoming_WhenTheJobHasNoAppointmentYet() =>
        Assert.Equal(JobTab.Upcoming, Tab());

    [Fact]
    public void InProgress_WhenOnHoldBesideScheduled() =>
        Assert.Equal(JobTab.InProgress, Tab(A(AppointmentStatus.OnHold, -24), A(AppointmentStatus.Scheduled, 24)));

    [Fact]
    public void InProgress_WhenAScheduledAppointmentStartedInThePast() =>
        Assert.Equal(JobTab.InProgress, Tab(A(AppointmentStatus.Scheduled, -1), A(AppointmentStatus.Scheduled, 24)));

    [Fact]
    public void InProgress_WhenAScheduledAppointmentStartsExactlyNow_TheFutureIsStrictlyLater() =>
        Assert.Equal(JobTab.InProgress, Tab(new AppointmentState(AppointmentStatus.Scheduled, Now)));

    [Theory]
    [InlineData(AppointmentStatus.Dispatched)]
    [InlineData(AppointmentStatus.EnRoute)]
    [InlineData(AppointmentStatus.Working)]
    public void InProgress_WhenATechnicianIsDispatchedEnRouteOrWorking(AppointmentStatus status) =>
        Assert.Equal(JobTab.InProgress, Tab(A(status, 0), A(AppointmentStatus.Scheduled, 24)));

    [Fact]
    public void InProgress_WhenCompletedBesideOnHold_NotEveryRemainingIsOnHold() =>
        Assert.Equal(JobTab.InProgress, Tab(A(AppointmentStatus.Completed, -48), A(AppointmentStatus.OnHold, -24)));

    [Fact]
    public void InProgress_WhenCompletedBesideAFutureScheduledVisit_WorkIsHalfDone() =>
        Assert.Equal(JobTab.InProgress, Tab(A(AppointmentStatus.Completed, -24), A(AppointmentStatus.Scheduled, 24)));

    [Fact]
    public void CanceledTab_IsShownOnlyWhenTheTenantShowsCanceledJobs()
    {
        Assert.False(JobTabs.IsTabShown(JobTab.Canceled, PortalFeatures.Defaults));
        Assert.True(JobTabs.IsTabShown(JobTab.Canceled, PortalFeatures.Defaults with { ShowCanceledJobs = true }));
        Assert.True(JobTabs.IsTabShown(JobTab.Completed, PortalFeatures.Defaults));
    }

    private static readonly DateOnly Today = new(2026, 11, 22);

    private static PlanVisit Visit(int daysFromToday, VisitStatus status = VisitStatus.Unscheduled, Ref? job = null) =>
        new("Fall tune-up", Today.AddDays(daysFromToday), status, job);

    [Fact]
    public void UnscheduledVisit_IsShownForAnActiveAgreementWithATargetDateTodayOrLater()
    {
        Assert.True(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, Visit(0), Today));
        Assert.True(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, Visit(30), Today));
    }

    [Fact]
    public void UnscheduledVisit_IsNeverShownForATargetDateInThePast() =>
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, Visit(-1), Today));

    [Theory]
    [InlineData(AgreementStatus.Pending)]
    [InlineData(AgreementStatus.Suspended)]
    [InlineData(AgreementStatus.Expired)]
    [InlineData(AgreementStatus.Canceled)]
    public void UnscheduledVisit_IsShownOnlyForActiveAgreements(AgreementStatus status) =>
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, status, Visit(10), Today));

    [Fact]
    public void UnscheduledVisit_IsHiddenWhenTheTenantDoesNotShowThem() =>
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults with { ShowUnscheduledAgreementVisits = false }, AgreementStatus.Active, Visit(10), Today));

    [Fact]
    public void UnscheduledVisit_OnceBookedOrDone_IsNotWaitingToBeScheduled()
    {
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, Visit(10, VisitStatus.Scheduled), Today));
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, Visit(10, VisitStatus.Completed), Today));
        Assert.False(UnscheduledAgreementVisits.IsShown(PortalFeatures.Defaults, AgreementStatus.Active, Visit(10, job: new Ref(Guid.NewGuid(), "job-1")), Today));
    }
}
