using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tests.Common;

public sealed class UuidV7Tests
{
    [Fact]
    public void NewGuid_HasVersion7AndRfcVariant()
    {
        var id = UuidV7.NewGuid();
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.ToByteArray(bigEndian: true)[8] >> 6);
    }

    [Fact]
    public void NewGuid_EncodesTheMillisecondTimestamp()
    {
        var now = DateTimeOffset.UtcNow.AddYears(1);
        var bytes = new UuidV7Generator().NewGuid(now).ToByteArray(bigEndian: true);
        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        Assert.Equal(now.ToUnixTimeMilliseconds(), milliseconds);
    }

    [Fact]
    public void NewGuid_WhenManyInOneMillisecond_StaysStrictlyIncreasing()
    {
        var now = DateTimeOffset.UtcNow;
        var generator = new UuidV7Generator();
        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.NewGuid(now)).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i].CompareTo(ids[i - 1]) > 0, $"id {i} does not sort after id {i - 1}");
            Assert.True(string.CompareOrdinal(ids[i].ToString(), ids[i - 1].ToString()) > 0, "string order differs from Guid order");
        }
    }

    [Fact]
    public void NewGuid_WhenClockStepsBack_StillIncreases()
    {
        var generator = new UuidV7Generator();
        var later = generator.NewGuid(DateTimeOffset.UtcNow.AddMinutes(5));
        var earlier = generator.NewGuid(DateTimeOffset.UtcNow);
        Assert.True(earlier.CompareTo(later) > 0);
    }
}
