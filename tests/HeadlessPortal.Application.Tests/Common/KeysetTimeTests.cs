using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Application.Tests.Common;

public sealed class KeysetTimeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void LowestAndHighest_EncloseEveryKeyMadeInThatMillisecond_AndNoneOfTheNext()
    {
        var generator = new UuidV7Generator();
        var keys = Enumerable.Range(0, 50).Select(_ => generator.NewGuid(At)).ToList();
        var later = new UuidV7Generator().NewGuid(At.AddMilliseconds(1));
        var earlier = new UuidV7Generator().NewGuid(At.AddMilliseconds(-1));

        Assert.All(keys, k => Assert.InRange(k, KeysetTime.Lowest(At), KeysetTime.Highest(At)));
        Assert.True(later > KeysetTime.Highest(At));
        Assert.True(earlier < KeysetTime.Lowest(At));
    }

    [Fact]
    public void Lowest_IsTheSameInstantWhateverTheOffset() =>
        Assert.Equal(KeysetTime.Lowest(At), KeysetTime.Lowest(At.ToOffset(TimeSpan.FromHours(-6))));
}
