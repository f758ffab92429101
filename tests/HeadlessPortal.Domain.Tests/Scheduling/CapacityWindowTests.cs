using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Scheduling;

public sealed class CapacityWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly Ref Unit = new(Guid.NewGuid(), "bu-1");
    private static readonly Ref TuneUp = new(Guid.NewGuid(), "jt-ac");
    private static readonly DateTimeOffset Start = new(2026, 12, 10, 8, 0, 0, TimeSpan.FromHours(-6));

    private static CapacityWindow Window(int slots) => CapacityWindow.Create(TenantId.New(), "w-1", Unit, [TuneUp], Start, Start.AddHours(4), slots, Now);

    [Fact]
    public void TryTake_StopsAtTheWindowsSize_AndReleaseNeverGoesBelowZero()
    {
        var window = Window(2);

        Assert.True(window.TryTake(Now));
        Assert.True(window.TryTake(Now));
        Assert.False(window.TryTake(Now));
        Assert.Equal((2, 0), (window.BookedSlots, window.FreeSlots));
        Assert.True(window.Release(Now));
        Assert.True(window.Release(Now));
        Assert.False(window.Release(Now));
        Assert.Equal((0, 2), (window.BookedSlots, window.FreeSlots));
    }

    [Fact]
    public void Update_KeepsBookedSlots_AndAWindowShrunkBelowThemOffersNothingAndReportsHowFarBelow()
    {
        var window = Window(3);
        window.TryTake(Now);
        window.TryTake(Now);

        window.Update(Unit, [TuneUp], Start, Start.AddHours(4), 1, Now);

        Assert.Equal((1, 2, 0, 1, true), (window.TotalSlots, window.BookedSlots, window.FreeSlots, window.OverbookedBy, window.IsBelowBookings));
        Assert.False(window.TryTake(Now));
        window.Release(Now);
        Assert.Equal((0, 0, false), (window.FreeSlots, window.OverbookedBy, window.IsBelowBookings));
        window.Release(Now);
        Assert.Equal(1, window.FreeSlots);
    }

    [Fact]
    public void AWindowWithNoSlots_CannotBeTaken()
    {
        Assert.False(Window(0).TryTake(Now));
    }

    [Fact]
    public void Update_ReportsAChangeOnlyWhenAValueDiffers()
    {
        var window = Window(3);

        Assert.False(window.Update(Unit, [TuneUp], Start, Start.AddHours(4), 3, Now.AddHours(1)));
        Assert.True(window.Update(Unit, [TuneUp], Start, Start.AddHours(4), 4, Now.AddHours(2)));
        Assert.Equal(Now.AddHours(2), window.UpdatedAt);
    }

    [Theory]
    [InlineData(0, 3, "invalid_window")]
    [InlineData(25, 3, "invalid_window")]
    [InlineData(4, -1, "invalid_slots")]
    [InlineData(4, 1001, "invalid_slots")]
    public void Create_WhenARuleIsBroken_IsRefusedWithItsCode(int hours, int slots, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => CapacityWindow.Create(TenantId.New(), "w-1", Unit, [TuneUp], Start, Start.AddHours(hours), slots, Now)).Code);
    }

    [Fact]
    public void Create_WithoutAJobType_IsRefused()
    {
        Assert.Equal("invalid_job_types", Assert.Throws<DomainException>(() => CapacityWindow.Create(TenantId.New(), "w-1", Unit, [], Start, Start.AddHours(4), 3, Now)).Code);
    }

    [Fact]
    public void ARemovedWindow_CannotBeTaken()
    {
        var window = Window(3);
        window.Delete(Now);

        Assert.False(window.TryTake(Now));
    }
}
