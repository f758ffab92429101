using HeadlessPortal.Application.EmailTemplates;

namespace HeadlessPortal.Application.Tests.EmailTemplates;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData(24_500, "usd", "$245.00")]
    [InlineData(123_456_789, "USD", "$1,234,567.89")]
    [InlineData(5, "usd", "$0.05")]
    [InlineData(-1_000, "usd", "-$10.00")]
    [InlineData(24_500, "eur", "245.00 EUR")]
    [InlineData(24_500, "jpy", "24,500 JPY")]
    public void Format_WritesTheAmountAsPeopleReadIt(long amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyText.Format(amount, currency));

    [Fact]
    public void Date_IsMonthDayYear() => Assert.Equal("December 4, 2026", MoneyText.Date(new DateOnly(2026, 12, 4)));
}
