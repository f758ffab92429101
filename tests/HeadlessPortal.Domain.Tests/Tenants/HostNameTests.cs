using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Tenants;

public sealed class HostNameTests
{
    private static readonly IReadOnlyCollection<string> Reserved = HostName.DefaultReserved;

    [Theory]
    [InlineData("acme-hvac")]
    [InlineData("abcde")]
    [InlineData("a1b2c3")]
    [InlineData("x-y-z-1")]
    public void Validate_WhenLabelFollowsEveryRule_AcceptsIt(string value)
    {
        Assert.Null(HostName.Validate(value, Reserved));
        Assert.Equal(value, HostName.Create(value, Reserved).Value);
    }

    [Fact]
    public void Validate_WhenExactly63Characters_AcceptsIt() =>
        Assert.Null(HostName.Validate(new string('a', 63), Reserved));

    [Theory]
    [InlineData("ab")]
    [InlineData("abcd")]
    public void Validate_WhenShorterThanFive_SaysHowLongItMustBe(string value) =>
        Assert.Equal("A host name has 5 to 63 characters.", HostName.Validate(value, Reserved));

    [Fact]
    public void Validate_WhenLongerThan63_SaysHowLongItMustBe() =>
        Assert.Equal("A host name has 5 to 63 characters.", HostName.Validate(new string('a', 64), Reserved));

    [Theory]
    [InlineData("Acme-HVAC")]
    [InlineData("acmE1")]
    public void Validate_WhenItHasUppercase_SaysHostNamesAreLowercase(string value) =>
        Assert.Contains("lowercase", HostName.Validate(value, Reserved), StringComparison.Ordinal);

    [Theory]
    [InlineData("acme_hvac")]
    [InlineData("acme.hvac")]
    [InlineData("acme hvac")]
    [InlineData("acmé-hvac")]
    public void Validate_WhenItHasOtherCharacters_RejectsIt(string value) =>
        Assert.Equal("A host name may contain only lowercase letters, digits and hyphens.", HostName.Validate(value, Reserved));

    [Theory]
    [InlineData("-acme")]
    [InlineData("acme-")]
    public void Validate_WhenItStartsOrEndsWithHyphen_RejectsIt(string value) =>
        Assert.Equal("A host name cannot start or end with a hyphen.", HostName.Validate(value, Reserved));

    [Theory]
    [InlineData("www")]
    [InlineData("admin")]
    [InlineData("portal")]
    [InlineData("support")]
    [InlineData("servicetitan")]
    public void Validate_WhenReserved_SaysSo(string value) =>
        Assert.Equal($"The host name \"{value}\" is reserved.", HostName.Validate(value, Reserved));

    [Fact]
    public void DefaultReserved_IncludesEveryNameTheProductPromises()
    {
        string[] promised = ["www", "api", "admin", "app", "portal", "mail", "support", "help", "status", "login", "servicetitan"];
        Assert.All(promised, name => Assert.Contains(name, HostName.DefaultReserved));
    }

    [Fact]
    public void Validate_WhenReservedListIsReplaced_UsesTheGivenList()
    {
        Assert.Null(HostName.Validate("admin", ["other"]));
        Assert.NotNull(HostName.Validate("custom", ["custom"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_WhenMissing_SaysItIsRequired(string? value) =>
        Assert.Equal("A host name is required.", HostName.Validate(value, Reserved));

    [Fact]
    public void Create_WhenInvalid_ThrowsDomainExceptionWithStableCode()
    {
        var ex = Assert.Throws<DomainException>(() => HostName.Create("-bad-", Reserved));
        Assert.Equal("invalid_host_name", ex.Code);
    }

    [Fact]
    public void Equality_IsByValue() =>
        Assert.Equal(HostName.Create("acme-hvac", Reserved), HostName.FromTrusted("acme-hvac"));
}
