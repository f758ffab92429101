using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tests.Common;

public sealed class CurrencyCodeTests
{
    [Fact]
    public void Normalize_WhenCurrencyUppercase_ReturnsItLowercase() => Assert.Equal("usd", CurrencyCode.Normalize("USD"));

    [Theory]
    [InlineData("us")]
    [InlineData("usdd")]
    [InlineData("u$d")]
    public void Normalize_WhenCurrencyNotIsoAlpha3_Throws(string currency) =>
        Assert.Equal("invalid_currency", Assert.Throws<DomainException>(() => CurrencyCode.Normalize(currency)).Code);
}
