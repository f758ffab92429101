using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Domain.Tests.Work;

public sealed class AppointmentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Ref Job = new(Guid.CreateVersion7(), "job-1");
    private static readonly TimeSpan Central = TimeSpan.FromHours(-6);

    private static AppointmentTimes Times(int startHour, int endHour, int? windowFrom = null, int? windowTo = null, int windowToDay = 25) => new(
        new DateTimeOffset(2026, 11, 25, startHour, 0, 0, Central),
        new DateTimeOffset(2026, 11, 25, endHour, 0, 0, Central),
        windowFrom is null ? null : new DateTimeOffset(2026, 11, 25, windowFrom.Value, 0, 0, Central),
        windowTo is null ? null : new DateTimeOffset(2026, 11, windowToDay, windowTo.Value, 0, 0, Central));

    [Fact]
    public void Times_WhenEndIsNotAfterStart_Throw() =>
        Assert.Equal("invalid_times", Assert.Throws<DomainException>(() => Times(10, 10).Validated()).Code);

    [Fact]
    public void ArrivalWindow_WhenOnlyOneEnd_Throws() =>
        Assert.Equal("invalid_arrival_window", Assert.Throws<DomainException>(() => Times(9, 11, windowFrom: 8).Validated()).Code);

    [Fact]
    public void ArrivalWindow_WhenItCrossesMidnightInItsOwnOffset_Throws() =>
        Assert.Equal("invalid_arrival_window", Assert.Throws<DomainException>(() => Times(9, 11, windowFrom: 22, windowTo: 1, windowToDay: 26).Validated()).Code);

    [Fact]
    public void ArrivalWindow_LateEveningInCentralTime_IsWithinOneDayEvenThoughUtcCrossesMidnight() =>
        Assert.NotNull(Times(9, 11, windowFrom: 17, windowTo: 20).Validated());

    [Fact]
    public void Create_KeepsTimesInUtc()
    {
        var appointment = Appointment.Create(TenantId.New(), "a1", Job, Times(9, 11, 8, 10), AppointmentStatus.Scheduled, [], Now);
        Assert.Equal(TimeSpan.Zero, appointment.Start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), appointment.Start);
    }

    [Theory]
    [InlineData(AppointmentStatus.Dispatched, Appointment.DispatchedEvent)]
    [InlineData(AppointmentStatus.EnRoute, Appointment.EnRouteEvent)]
    [InlineData(AppointmentStatus.Completed, Appointment.CompletedEvent)]
    public void Update_WhenStatusMovesToAMilestone_RaisesItsEventOnce(AppointmentStatus status, string expected)
    {
        var appointment = Appointment.Create(TenantId.New(), "a1", Job, Times(9, 11), AppointmentStatus.Scheduled, [], Now);
        appointment.Update(Job, Times(9, 11), status, [], Now.AddMinutes(5));
        appointment.Update(Job, Times(9, 11), status, [], Now.AddMinutes(6));

        Assert.Equal([expected], appointment.Events.Select(e => e.Type));
    }

    [Fact]
    public void Job_WhenCreated_RaisesJobBooked()
    {
        var job = Domain.Work.Job.Create(TenantId.New(), "j1", new Ref(Guid.CreateVersion7(), "c1"), new Ref(Guid.CreateVersion7(), "l1"), null, null, new JobDetails("J-1", null, "gate code 1234", null), Now);
        Assert.Equal([Domain.Work.Job.BookedEvent], job.Events.Select(e => e.Type));
        Assert.Equal("gate code 1234", job.InternalNotes);
    }
}
