using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Scheduling;

namespace HeadlessPortal.Domain.Tests.Scheduling;

public sealed class LocalTimesTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly TimeZoneInfo Phoenix = TimeZoneInfo.FindSystemTimeZoneById("America/Phoenix");

    [Theory]
    [InlineData("2026-03-07T08:00:00", -6)]
    [InlineData("2026-03-08T01:59:00", -6)]
    [InlineData("2026-03-08T03:00:00", -5)]
    [InlineData("2026-03-08T08:00:00", -5)]
    [InlineData("2026-11-01T00:59:00", -5)]
    [InlineData("2026-11-01T02:00:00", -6)]
    [InlineData("2026-11-01T08:00:00", -6)]
    public void Resolve_InChicago_TakesTheOffsetInForceThatDay(string local, int hours)
    {
        var resolved = LocalTimes.Resolve(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), null, Chicago, "start");

        Assert.Equal(TimeSpan.FromHours(hours), resolved.Offset);
        Assert.Equal(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), resolved.DateTime);
    }

    [Fact]
    public void Resolve_WhenTheClocksSkipTheTime_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => LocalTimes.Resolve(new DateTime(2026, 3, 8, 2, 30, 0), null, Chicago, "start"));

        Assert.Equal("nonexistent_local_time", error.Code);
        Assert.Contains("start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AnHourThatHappensTwice_IsTheFirstUnlessTheOffsetNamesTheSecond()
    {
        var local = new DateTime(2026, 11, 1, 1, 30, 0);

        var first = LocalTimes.Resolve(local, null, Chicago, "start");
        var second = LocalTimes.Resolve(local, TimeSpan.FromHours(-6), Chicago, "start");

        Assert.Equal(TimeSpan.FromHours(-5), first.Offset);
        Assert.Equal(TimeSpan.FromHours(1), second - first);
    }

    [Fact]
    public void Resolve_WhenTheOffsetIsNotTheZones_IsRefused()
    {
        Assert.Equal("offset_mismatch", Assert.Throws<DomainException>(() =>
            LocalTimes.Resolve(new DateTime(2026, 7, 1, 8, 0, 0), TimeSpan.FromHours(-6), Chicago, "start")).Code);
    }

    [Theory]
    [InlineData("2026-03-08T02:30:00")]
    [InlineData("2026-11-01T01:30:00")]
    [InlineData("2026-07-01T08:00:00")]
    public void Resolve_InPhoenix_IsAlwaysSevenHoursBehind_WithNoGapOrRepeat(string local)
    {
        Assert.Equal(TimeSpan.FromHours(-7), LocalTimes.Resolve(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), null, Phoenix, "start").Offset);
    }
}
