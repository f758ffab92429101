using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tests.Common;

public sealed class MoneyTests
{
    [Fact]
    public void Of_WhenCurrencyUppercase_StoresItLowercase() => Assert.Equal("usd", Money.Of(100, "USD").Currency);

    [Fact]
    public void AddAndSubtract_WhenSameCurrency_WorkInMinorUnits()
    {
        var total = Money.Of(12_345, "usd").Add(Money.Of(55, "usd"));
        Assert.Equal(Money.Of(12_400, "usd"), total);
        Assert.Equal(Money.Of(-100, "usd"), Money.Of(0, "usd").Subtract(Money.Of(100, "usd")));
    }

    [Fact]
    public void Add_WhenCurrenciesDiffer_ThrowsCurrencyMismatch() =>
        Assert.Equal("currency_mismatch", Assert.Throws<DomainException>(() => Money.Of(1, "usd").Add(Money.Of(1, "cad"))).Code);

    [Fact]
    public void Add_WhenItWouldOverflow_Throws() =>
        Assert.Throws<OverflowException>(() => Money.Of(long.MaxValue, "usd").Add(Money.Of(1, "usd")));

    [Theory]
    [InlineData("us")]
    [InlineData("usdd")]
    [InlineData("u$d")]
    public void Of_WhenCurrencyNotIsoAlpha3_Throws(string currency) =>
        Assert.Equal("invalid_currency", Assert.Throws<DomainException>(() => Money.Of(1, currency)).Code);

    [Fact]
    public void Signs_AreReported()
    {
        Assert.True(Money.Of(1, "usd").IsPositive);
        Assert.True(Money.Of(-1, "usd").IsNegative);
        Assert.False(Money.Zero("usd").IsPositive);
    }
}
