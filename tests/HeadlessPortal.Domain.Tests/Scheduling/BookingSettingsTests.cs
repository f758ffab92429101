using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Scheduling;

public sealed class BookingSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly Guid TuneUp = Guid.NewGuid();
    private static readonly Guid Repair = Guid.NewGuid();

    private static BookableJobType Type(Guid id, bool requestable = true, bool self = false, int minutes = 90) =>
        new(id, "jt-" + id.ToString("N")[..6], requestable, self, minutes, null, null);

    private static PortalFeatures Features(bool booking = true, bool self = true) => PortalFeatures.Defaults with { JobBooking = booking, SelfScheduling = self };

    [Fact]
    public void CreateDefault_OpensNothing_ThirtyDaysAhead_TwentyFourHoursLeadAndCutOff_NoWebsiteRequests()
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());

        Assert.Empty(settings.JobTypes);
        Assert.Equal((30, 24, 24, false, 0), (settings.HorizonDays, settings.LeadTimeHours, settings.ChangeCutOffHours, settings.WebsiteRequests, settings.Version));
        Assert.Null(settings.UpdatedAt);
    }

    [Fact]
    public void BookableJobType_WhenSelfSchedulableButNotRequestable_IsRefused()
    {
        Assert.Equal("self_schedulable_not_requestable", Assert.Throws<DomainException>(() => Type(TuneUp, requestable: false, self: true)).Code);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(1441)]
    public void BookableJobType_WhenDurationOutOfRange_IsRefused(int minutes)
    {
        Assert.Equal("invalid_duration", Assert.Throws<DomainException>(() => Type(TuneUp, minutes: minutes)).Code);
    }

    [Theory]
    [InlineData(0, 24, 24, "invalid_horizon")]
    [InlineData(366, 24, 24, "invalid_horizon")]
    [InlineData(30, -1, 24, "invalid_lead_time")]
    [InlineData(30, 721, 24, "invalid_lead_time")]
    [InlineData(1, 24, 24, "lead_time_beyond_horizon")]
    [InlineData(30, 24, 721, "invalid_cut_off")]
    [InlineData(30, 24, -1, "invalid_cut_off")]
    public void Update_WhenANumberBreaksItsRule_IsRefusedWithItsCode(int horizon, int lead, int cutOff, string code)
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());

        Assert.Equal(code, Assert.Throws<DomainException>(() => settings.Update([], horizon, lead, cutOff, false, Now)).Code);
        Assert.Equal(0, settings.Version);
    }

    [Fact]
    public void Update_WhenAJobTypeIsListedTwice_IsRefused()
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());

        Assert.Equal("duplicate_job_type", Assert.Throws<DomainException>(() => settings.Update([Type(TuneUp), Type(TuneUp, minutes: 60)], 30, 24, 24, false, Now)).Code);
    }

    [Fact]
    public void Update_BumpsTheVersionOnlyWhenSomethingChanged()
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());

        Assert.True(settings.Update([Type(TuneUp, self: true)], 14, 48, 12, true, Now));
        Assert.False(settings.Update([Type(TuneUp, self: true)], 14, 48, 12, true, Now.AddHours(1)));
        Assert.Equal((1, Now), (settings.Version, settings.UpdatedAt!.Value));
        Assert.True(settings.Update([Type(TuneUp, self: true)], 14, 48, 6, true, Now.AddHours(2)));
        Assert.Equal(2, settings.Version);
    }

    [Fact]
    public void CanSelfSchedule_OnlyWhileJobBookingAndSelfSchedulingAreOn_ElseTheJobTypeIsRequestOnly()
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());
        settings.Update([Type(TuneUp, self: true), Type(Repair)], 30, 24, 24, false, Now);

        Assert.True(settings.CanSelfSchedule(TuneUp, Features()));
        Assert.False(settings.CanSelfSchedule(Repair, Features()));
        Assert.False(settings.CanSelfSchedule(TuneUp, Features(self: false)));
        Assert.True(settings.CanRequest(TuneUp, Features(self: false)));
        Assert.False(settings.CanSelfSchedule(TuneUp, Features(booking: false)));
        Assert.False(settings.CanRequest(TuneUp, Features(booking: false)));
        Assert.False(settings.CanRequest(Guid.NewGuid(), Features()));
    }

    [Fact]
    public void BookablePeriod_RunsFromNowPlusLeadTimeToNowPlusHorizon()
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());
        settings.Update([], 14, 48, 24, false, Now);

        var period = settings.BookablePeriod(Now);

        Assert.Equal(Now.AddHours(48), period.From);
        Assert.Equal(Now.AddDays(14), period.To);
        Assert.False(period.Contains(Now.AddHours(47)));
        Assert.True(period.Contains(Now.AddHours(48)));
        Assert.False(period.Contains(Now.AddDays(14).AddTicks(1)));
    }

    [Fact]
    public void CanChange_UntilTheCutOffBeforeTheWindowStarts()
    {
        var settings = BookingSettings.CreateDefault(TenantId.New());
        settings.Update([], 30, 24, 12, false, Now);
        var windowStart = Now.AddHours(20);

        Assert.True(settings.CanChange(windowStart, Now.AddHours(8)));
        Assert.False(settings.CanChange(windowStart, Now.AddHours(8).AddTicks(1)));
    }
}
