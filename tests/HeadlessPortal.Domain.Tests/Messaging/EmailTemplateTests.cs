using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Messaging;

public sealed class EmailTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_TrimsTheSubjectKeepsTheBodiesAndStartsAtVersionOne()
    {
        var template = EmailTemplate.Create(TenantId.New(), "invitation", "  Welcome  ", "<p>Hi</p>\n", "Hi\n", Now);

        Assert.Equal("Welcome", template.Subject);
        Assert.Equal("<p>Hi</p>\n", template.Html);
        Assert.Equal("Hi\n", template.Text);
        Assert.Equal(1, template.Version);
        Assert.Equal(Now, template.UpdatedAt);
    }

    [Fact]
    public void Update_WhenContentChanges_BumpsTheVersion_AndWhenIdentical_KeepsIt()
    {
        var template = EmailTemplate.Create(TenantId.New(), "invoice", "Invoice", "<p>Due</p>", "Due", Now);

        Assert.False(template.Update("Invoice ", "<p>Due</p>", "Due", Now.AddMinutes(1)));
        Assert.Equal(1, template.Version);
        Assert.Equal(Now, template.UpdatedAt);

        Assert.True(template.Update("Invoice", "<p>Due now</p>", "Due", Now.AddMinutes(2)));
        Assert.Equal(2, template.Version);
        Assert.Equal(Now.AddMinutes(2), template.UpdatedAt);
    }

    [Theory]
    [InlineData("", "<p>x</p>", "x", "required")]
    [InlineData("Two\nlines", "<p>x</p>", "x", "invalid_subject")]
    [InlineData("Subject", " ", "x", "required")]
    [InlineData("Subject", "<p>x</p>", "", "required")]
    public void Create_WhenAFieldIsBlankOrTheSubjectSpansLines_Throws(string subject, string html, string text, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => EmailTemplate.Create(TenantId.New(), "invitation", subject, html, text, Now)).Code);

    [Fact]
    public void Create_WhenAFieldIsLongerThanItsLimit_Throws()
    {
        var tenant = TenantId.New();
        Assert.Equal("too_long", Assert.Throws<DomainException>(() =>
            EmailTemplate.Create(tenant, "invitation", new string('s', EmailTemplate.SubjectMaxLength + 1), "<p>x</p>", "x", Now)).Code);
        Assert.Equal("too_long", Assert.Throws<DomainException>(() =>
            EmailTemplate.Create(tenant, "invitation", "s", new string('h', EmailTemplate.HtmlMaxLength + 1), "x", Now)).Code);
        Assert.Equal("too_long", Assert.Throws<DomainException>(() =>
            EmailTemplate.Create(tenant, "invitation", "s", "<p>x</p>", new string('t', EmailTemplate.TextMaxLength + 1), Now)).Code);

        var atTheLimits = EmailTemplate.Create(tenant, "invitation", new string('s', EmailTemplate.SubjectMaxLength),
            new string('h', EmailTemplate.HtmlMaxLength), new string('t', EmailTemplate.TextMaxLength), Now);
        Assert.Equal(EmailTemplate.HtmlMaxLength, atTheLimits.Html.Length);
    }
}
