using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Tenants;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Demo Heating & Air", "demo-heating-air")]
    [InlineData("  ACME   Plumbing, Inc. ", "acme-plumbing-inc")]
    [InlineData("Café Électrique", "cafe-electrique")]
    [InlineData("!!!", "tenant")]
    public void FromName_WhenGivenAName_MakesLowercaseHyphenatedSlug(string name, string expected) =>
        Assert.Equal(expected, Slug.FromName(name));

    [Fact]
    public void FromName_WhenNameIsVeryLong_TruncatesToMaxLength()
    {
        var slug = Slug.FromName(new string('a', 40) + " " + new string('b', 40));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void WithSuffix_WhenFirstAlternative_KeepsSlug() => Assert.Equal("acme", Slug.WithSuffix("acme", 1));

    [Fact]
    public void WithSuffix_WhenLaterAlternative_AppendsNumberWithinMaxLength()
    {
        Assert.Equal("acme-3", Slug.WithSuffix("acme", 3));
        var longSlug = Slug.WithSuffix(new string('a', 63), 12);
        Assert.Equal(Slug.MaxLength, longSlug.Length);
        Assert.EndsWith("-12", longSlug, StringComparison.Ordinal);
    }
}
