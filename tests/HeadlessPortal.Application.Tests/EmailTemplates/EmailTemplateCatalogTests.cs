using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Application.Tests.EmailTemplates;

public sealed class EmailTemplateCatalogTests
{
    [Theory]
    [InlineData("invitation", EmailTemplateKind.Invitation)]
    [InlineData("magicLink", EmailTemplateKind.MagicLink)]
    [InlineData("passwordReset", EmailTemplateKind.PasswordReset)]
    [InlineData("INVOICE", EmailTemplateKind.Invoice)]
    public void TryParse_ReadsTheApiNames(string key, EmailTemplateKind expected)
    {
        Assert.True(EmailTemplateCatalog.TryParse(key, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("magic-link")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_WhenNotAKindName_Fails(string? key) => Assert.False(EmailTemplateCatalog.TryParse(key, out _));

    [Fact]
    public void Placeholders_PutTheKindsOwnFirstThenTheAlwaysAvailableOnes() =>
        Assert.Equal(
            ["CustomerName", "InvoiceNumber", "Balance", "DueDate", "CustomerPortalLink", "ExpiresInDays", "CompanyName", "PortalName", "RecipientName", "PortalUrl", "RecipientEmail", "LogoUrl", "PrimaryColor"],
            EmailTemplateCatalog.Placeholders(EmailTemplateKind.Invoice).Select(p => p.Name));

    [Theory]
    [InlineData(EmailTemplateKind.Invitation)]
    [InlineData(EmailTemplateKind.MagicLink)]
    [InlineData(EmailTemplateKind.PasswordReset)]
    [InlineData(EmailTemplateKind.Invoice)]
    public void SampleValues_FillEveryPlaceholderOfTheKindWithLinksIntoThePortal(EmailTemplateKind kind)
    {
        var samples = EmailTemplateCatalog.SampleValues(kind, "https://acme.portal.example.com/", "usd");
        // The tenant's values come from the tenant; the recipient's name is a sample too.
        var own = EmailTemplateCatalog.Placeholders(kind).Select(p => p.Name).Except(["CompanyName", "PortalName", "PortalUrl", "RecipientEmail", "LogoUrl", "PrimaryColor"]);

        Assert.Equal(own.Order(), samples.Keys.Order());
        Assert.StartsWith("https://acme.portal.example.com/", samples[EmailTemplateCatalog.LinkPlaceholder(kind)], StringComparison.Ordinal);
    }
}
