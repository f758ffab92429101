using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Infrastructure.Security;

namespace HeadlessPortal.Infrastructure.Tests.Security;

public sealed class PortalPasswordTests
{
    private readonly CommonPasswords _common = new();

    [Fact]
    public void TheCommonPasswordList_IsShipped_AndComparedWithoutCase()
    {
        Assert.Equal(100_000, CommonPasswords.Count);
        Assert.True(_common.Contains("password"));
        Assert.True(_common.Contains("PASSWORD1"));
        Assert.True(_common.Contains("iloveyou"));
        Assert.False(_common.Contains("correct horse battery staple"));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("seven77", "at least 8")]
    [InlineData("12345678", "too common")]
    [InlineData("Qwertyuiop", "too common")]
    public void WeakPasswords_AreRefusedWithAReason(string? password, string reason) =>
        Assert.Contains(reason, PasswordRules.Check(password, _common), StringComparison.Ordinal);

    [Fact]
    public void LengthCountsCharactersAsPeopleDo_From8To128_WithNoCompositionRules()
    {
        Assert.Null(PasswordRules.Check("all lowercase words", _common));
        Assert.Null(PasswordRules.Check(new string('a', 120) + "bcdefghi", _common));
        Assert.NotNull(PasswordRules.Check(new string('a', 121) + "bcdefghi", _common));

        // Seven emoji are 14 UTF-16 units but seven characters: too short.
        Assert.NotNull(PasswordRules.Check(string.Concat(Enumerable.Repeat("🔥", 7)), _common));
        Assert.Null(PasswordRules.Check(string.Concat(Enumerable.Repeat("🔥", 8)), _common));
    }

    [Fact]
    public void Hashes_AreSaltedAndVerify()
    {
        var hasher = new IdentityPasswordHasher();
        var first = hasher.Hash("correct horse battery staple");
        var second = hasher.Hash("correct horse battery staple");
        Assert.NotEqual(first, second);
        Assert.Equal(PasswordCheck.Success, hasher.Verify(first, "correct horse battery staple"));
        Assert.Equal(PasswordCheck.Failed, hasher.Verify(first, "correct horse battery stapler"));
        Assert.Equal(PasswordCheck.Failed, hasher.Verify("not a hash", "anything"));
    }
}
