using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Portal;

public sealed class PublishableKeyTests
{
    [Theory]
    [InlineData("https://www.acme.example", "https://www.acme.example")]
    [InlineData("https://WWW.Acme.Example/", "https://www.acme.example")]
    [InlineData("http://localhost:3000", "http://localhost:3000")]
    [InlineData("https://acme.example:443", "https://acme.example")]
    public void NormalizeOrigin_WhenAnOrigin_ReturnsSchemeHostAndPort(string value, string expected) =>
        Assert.Equal(expected, PublishableKey.NormalizeOrigin(value));

    [Theory]
    [InlineData("https://acme.example/path")]
    [InlineData("https://acme.example?x=1")]
    [InlineData("ftp://acme.example")]
    [InlineData("acme.example")]
    [InlineData("https://user:pw@acme.example")]
    [InlineData("*")]
    public void NormalizeOrigin_WhenNotAnOrigin_ReturnsNull(string value) => Assert.Null(PublishableKey.NormalizeOrigin(value));

    [Fact]
    public void Allows_OnlyItsOriginsAndNothingOnceRevoked()
    {
        var key = PublishableKey.Create(TenantId.New(), "pk_test_1", "Site", ["https://www.acme.example"], DateTimeOffset.UtcNow);
        Assert.True(key.Allows("https://www.acme.example"));
        Assert.False(key.Allows("https://acme.example"));

        key.Revoke(DateTimeOffset.UtcNow);
        Assert.False(key.Allows("https://www.acme.example"));
    }

    [Fact]
    public void Create_WhenKeyLacksPrefixOrOriginInvalid_Throws()
    {
        Assert.Equal("invalid_key", Assert.Throws<DomainException>(() => PublishableKey.Create(TenantId.New(), "sk_live", "x", [], DateTimeOffset.UtcNow)).Code);
        Assert.Equal("invalid_origin", Assert.Throws<DomainException>(() => PublishableKey.Create(TenantId.New(), "pk_x", "x", ["https://a.example/x"], DateTimeOffset.UtcNow)).Code);
    }
}
