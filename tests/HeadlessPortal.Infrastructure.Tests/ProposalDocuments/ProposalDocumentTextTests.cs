using HeadlessPortal.Infrastructure.ProposalDocuments;

namespace HeadlessPortal.Infrastructure.Tests.ProposalDocuments;

public sealed class ProposalDocumentTextTests
{
    [Theory]
    [InlineData(123450, "usd", "$1,234.50")]
    [InlineData(5, "usd", "$0.05")]
    [InlineData(-2500, "usd", "-$25.00")]
    [InlineData(123450, "eur", "1,234.50 EUR")]
    [InlineData(1500, "jpy", "1,500 JPY")]
    public void Money_FromMinorUnits_IsWrittenWithItsCurrency(long amount, string currency, string expected) =>
        Assert.Equal(expected, ProposalDocumentText.Money(amount, currency));

    [Theory]
    [InlineData(-6, 0, "December 3, 2026 at 2:05 PM (UTC\u221206:00)")]
    [InlineData(5, 30, "December 3, 2026 at 2:05 PM (UTC+05:30)")]
    [InlineData(0, 0, "December 3, 2026 at 2:05 PM (UTC+00:00)")]
    public void Moment_IsWrittenInItsOwnOffset(int hours, int minutes, string expected)
    {
        var offset = new TimeSpan(hours, hours < 0 ? -minutes : minutes, 0);

        Assert.Equal(expected, ProposalDocumentText.Moment(new DateTimeOffset(2026, 12, 3, 14, 5, 0, offset)));
    }

    [Fact]
    public void Moment_InTheMorning_SaysAm() =>
        Assert.Equal("January 9, 2027 at 9:07 AM (UTC\u221205:00)", ProposalDocumentText.Moment(new DateTimeOffset(2027, 1, 9, 9, 7, 0, TimeSpan.FromHours(-5))));

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("0.25", "0.25")]
    [InlineData("2.000", "2")]
    [InlineData("1200", "1,200")]
    public void Quantity_HasNoTrailingZeros(string quantity, string expected) =>
        Assert.Equal(expected, ProposalDocumentText.Quantity(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("+15125550100", "(512) 555-0100")]
    [InlineData("+442079460000", "+442079460000")]
    [InlineData("+1512555010", "+1512555010")]
    public void Phone_NorthAmericanNumbers_AreWrittenAsAmericansDo(string phone, string expected) =>
        Assert.Equal(expected, ProposalDocumentText.Phone(phone));
}
