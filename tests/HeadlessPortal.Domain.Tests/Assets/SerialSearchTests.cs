using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Assets;

/// <summary>Serial search: a prefix that ignores case, spaces and punctuation, answered by an index range.</summary>
public sealed class SerialSearchTests
{
    [Theory]
    [InlineData("TRN23110457", "TRN23110457")]
    [InlineData("apr600-55310", "APR60055310")]
    [InlineData(" 4219 c77/102 ", "4219C77102")]
    [InlineData("Ünit-9", "NIT9")]
    [InlineData("--- ", null)]
    [InlineData(null, null)]
    public void Key_KeepsAsciiLettersUpperCasedAndDigits(string? serial, string? key) => Assert.Equal(key, SerialSearch.Key(serial));

    [Theory]
    [InlineData("TRN", "TRO")]
    [InlineData("AB9", "ABA")]
    [InlineData("A1Z", "A2")]
    [InlineData("AZZ", "B")]
    [InlineData("19", "1A")]
    [InlineData("ZZ", null)]
    public void UpperBound_IsTheFirstKeyAfterEveryKeyWithThePrefix(string prefix, string? bound) => Assert.Equal(bound, SerialSearch.UpperBound(prefix));

    [Theory]
    [InlineData("TRN", "TRN23110457", true)]
    [InlineData("TRN", "TRNZZZ", true)]
    [InlineData("TRN", "TRO1", false)]
    [InlineData("AB9", "AB99", true)]
    [InlineData("AB9", "ABA", false)]
    [InlineData("A1Z", "A1ZZ9", true)]
    [InlineData("A1Z", "A2", false)]
    [InlineData("A1Z", "A1Y", false)]
    public void PrefixRange_MatchesExactlyTheKeysThatStartWithThePrefix(string prefix, string key, bool matches)
    {
        var upper = SerialSearch.UpperBound(prefix);
        var inRange = string.CompareOrdinal(key, prefix) >= 0 && (upper is null || string.CompareOrdinal(key, upper) < 0);

        Assert.Equal(matches, inRange);
        Assert.Equal(matches, key.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Equipment_KeepsTheSearchKeyOfItsSerial()
    {
        var location = new Ref(Guid.CreateVersion7(), "loc-1");
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var equipment = Equipment.Create(TenantId.New(), "eq-1", location, new EquipmentDescription("Furnace", null, null, "trn-2309", null), null, null, [], [], now);
        Assert.Equal("TRN2309", equipment.SerialKey);

        equipment.Update(location, new EquipmentDescription("Furnace", null, null, null, null), null, null, [], [], now);
        Assert.Null(equipment.SerialKey);
    }
}
