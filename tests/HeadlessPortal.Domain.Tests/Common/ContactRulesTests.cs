using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tests.Common;

public sealed class ContactRulesTests
{
    [Theory]
    [InlineData("office@acme.example", true)]
    [InlineData("first.last+tag@sub.acme.co", true)]
    [InlineData("no-at-sign.example", false)]
    [InlineData("someone@localhost", false)]
    [InlineData(" office@acme.example", false)]
    [InlineData("Office <office@acme.example>", false)]
    public void IsEmail_AcceptsOnlyPlainAddressesWithDottedDomain(string value, bool expected) =>
        Assert.Equal(expected, ContactRules.IsEmail(value));

    [Theory]
    [InlineData("+15555550123", true)]
    [InlineData("+442071838750", true)]
    [InlineData("15555550123", false)]
    [InlineData("+1 555 555 0123", false)]
    [InlineData("+1234567", false)]
    public void IsE164Phone_RequiresPlusAndDigits(string value, bool expected) =>
        Assert.Equal(expected, ContactRules.IsE164Phone(value));
}
