using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Application.Tests.EmailTemplates;

public sealed class EmailTemplateRendererTests : IDisposable
{
    private const string Link = "https://acme.portal.example.com/invitation?token=abc&next=%2Fhome";
    private static readonly EmailBrand Brand = new("Acme Heating & Air", "Acme Customer Portal", "https://cdn.acme.example/logo.png", "#0B5FFF", "https://acme.portal.example.com");
    private readonly EmailTemplateRenderer _renderer = new();

    public void Dispose() => _renderer.Dispose();

    private static Dictionary<string, string> Invitation(string customerName = "Jordan Smith") => new()
    {
        ["RecipientName"] = "Jordan Smith",
        ["CustomerName"] = customerName,
        ["InvitationLink"] = Link,
        ["ExpiresInDays"] = "7",
    };

    private CompiledEmailTemplate Compile(EmailTemplateKind kind, string subject, string html, string text)
    {
        var compilation = _renderer.Compile(kind, new EmailTemplateContent(subject, html, text));
        Assert.True(compilation.IsValid, string.Join(" ", compilation.Errors.SelectMany(e => e.Value)));
        return compilation.Template!;
    }

    [Theory]
    [InlineData(EmailTemplateKind.Invitation, "{InvitationLink}")]
    [InlineData(EmailTemplateKind.MagicLink, "{MagicLink}")]
    [InlineData(EmailTemplateKind.PasswordReset, "{ResetLink}")]
    [InlineData(EmailTemplateKind.Invoice, "{CustomerPortalLink}")]
    public void Defaults_ContainTheirLinkInBothBodies_AndCompile(EmailTemplateKind kind, string link)
    {
        var content = DefaultEmailTemplates.For(kind);

        Assert.Contains(link, content.Html, StringComparison.Ordinal);
        Assert.Contains(link, content.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", content.Html, StringComparison.Ordinal);
        Assert.True(_renderer.Compile(kind, content).IsValid);
        Assert.Equal(EmailTemplateCatalog.LinkPlaceholder(kind), link.Trim('{', '}'));
    }

    [Fact]
    public void DefaultInvitation_SubjectNamesTheCompany()
    {
        var email = _renderer.Render(_renderer.Default(EmailTemplateKind.Invitation), Brand, "jordan@example.com", Invitation());

        Assert.Equal("Acme Heating & Air invited you to your customer portal", email.Subject);
        Assert.Equal("Acme Heating & Air", email.FromName);
        Assert.Equal("invitation", email.Kind);
        Assert.Contains("Hi Jordan Smith,", email.Text, StringComparison.Ordinal);
        Assert.Contains(Link, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmailTemplateKind.Invitation)]
    [InlineData(EmailTemplateKind.MagicLink)]
    [InlineData(EmailTemplateKind.PasswordReset)]
    [InlineData(EmailTemplateKind.Invoice)]
    [InlineData(EmailTemplateKind.PaymentReceipt)]
    [InlineData(EmailTemplateKind.PaymentFailed)]
    public void Defaults_GreetTheRecipientByTheirOwnName_OrSayHello_NeverByTheCustomerBilled(EmailTemplateKind kind)
    {
        var values = new Dictionary<string, string>(EmailTemplateCatalog.SampleValues(kind, "https://acme.portal.example.com", "usd"))
        {
            ["CustomerName"] = "Mason Kowalski",
            ["RecipientName"] = "Pat Thompson",
        };

        var named = _renderer.Render(_renderer.Default(kind), Brand, "pat@example.com", values);
        values["RecipientName"] = string.Empty;
        var unnamed = _renderer.Render(_renderer.Default(kind), Brand, "pat@example.com", values);

        Assert.Contains("Hi Pat Thompson,", named.Text, StringComparison.Ordinal);
        Assert.Contains("Hi Pat Thompson,", named.Html, StringComparison.Ordinal);
        Assert.StartsWith("Hello,", unnamed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hi Mason Kowalski", named.Text + named.Html + unnamed.Text + unnamed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme Customer Portal", named.Subject + named.Text + named.Html + named.FromName, StringComparison.Ordinal);
        Assert.Equal("Acme Heating & Air", named.FromName);
    }

    [Fact]
    public void Render_EscapesValuesInTheHtmlBodyOnly()
    {
        var template = Compile(EmailTemplateKind.Invitation, "For {CustomerName}", "<p>{CustomerName}</p><p>{{{CustomerName}}}</p><a href=\"{InvitationLink}\">go</a>", "{CustomerName} {InvitationLink}");

        var email = _renderer.Render(template, Brand, "jordan@example.com", Invitation("<b>Tom & \"Jo\"</b>"));

        Assert.Contains("<p>&lt;b&gt;Tom &amp; &quot;Jo&quot;&lt;/b&gt;</p><p>&lt;b&gt;Tom &amp; &quot;Jo&quot;&lt;/b&gt;</p>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Tom", email.Html, StringComparison.Ordinal);
        Assert.Equal("For <b>Tom & \"Jo\"</b>", email.Subject);
        Assert.StartsWith("<b>Tom & \"Jo\"</b> https://", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KeepsLinksUsableInHrefAttributes()
    {
        var template = Compile(EmailTemplateKind.Invitation, "Hi", "<a href=\"{InvitationLink}\">Accept</a> <a href='{{InvitationLink}}'>again</a>", "{InvitationLink}");

        var email = _renderer.Render(template, Brand, "jordan@example.com", Invitation());

        // &amp; is how an & is written in an attribute; = and % stay as they are.
        Assert.Contains("<a href=\"https://acme.portal.example.com/invitation?token=abc&amp;next=%2Fhome\">Accept</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href='https://acme.portal.example.com/invitation?token=abc&amp;next=%2Fhome'>again</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains(Link, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("/relative/path")]
    public void Render_WhenALinkIsNotAWebAddress_Throws(string link)
    {
        var values = Invitation();
        values["InvitationLink"] = link;

        Assert.Throws<ArgumentException>(() => _renderer.Render(_renderer.Default(EmailTemplateKind.Invitation), Brand, "jordan@example.com", values));
    }

    [Fact]
    public void Render_WhenTheKindsLinkIsMissing_Throws() =>
        Assert.Throws<ArgumentException>(() => _renderer.Render(_renderer.Default(EmailTemplateKind.MagicLink), Brand, "jordan@example.com", new Dictionary<string, string>()));

    [Fact]
    public void Render_WhenAnInvoiceHasNoDeepLink_LinksToThePortal()
    {
        var email = _renderer.Render(_renderer.Default(EmailTemplateKind.Invoice), Brand, "jordan@example.com",
            new Dictionary<string, string> { ["CustomerName"] = "Jordan", ["InvoiceNumber"] = "INV-7", ["Balance"] = "$10.00" });

        Assert.Contains("href=\"https://acme.portal.example.com\"", email.Html, StringComparison.Ordinal);
        Assert.Equal("Invoice INV-7 from Acme Heating & Air", email.Subject);
    }

    [Fact]
    public void Render_TenantValuesWinOverTheCallers_AndOtherNamesAreDropped()
    {
        var template = Compile(EmailTemplateKind.Invitation, "{CompanyName}", "<p>{CompanyName} {RecipientEmail}</p>{InvitationLink}", "{InvitationLink}");
        var values = Invitation();
        values["companyName"] = "Someone Else";
        values["Secret"] = "x";

        var email = _renderer.Render(template, Brand, "jordan@example.com", values);

        Assert.Equal("Acme Heating & Air", email.Subject);
        Assert.Contains("<p>Acme Heating &amp; Air jordan@example.com</p>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KeepsTheSubjectOnOneLine()
    {
        var template = Compile(EmailTemplateKind.Invitation, "Hello {CustomerName}", "{InvitationLink}", "{InvitationLink}");

        var email = _renderer.Render(template, Brand, "jordan@example.com", Invitation("Jordan\r\nBcc: victim@example.com"));

        Assert.Equal("Hello Jordan Bcc: victim@example.com", email.Subject);
    }

    [Fact]
    public void Render_WhenAnIfBlockTestsAMissingValue_TakesTheElseBranch()
    {
        var template = Compile(EmailTemplateKind.Invitation, "{{#if CustomerName}}Hi {CustomerName}{{else}}Hello{{/if}}", "{InvitationLink}", "{InvitationLink}");

        Assert.Equal("Hello", _renderer.Render(template, Brand, "jordan@example.com", Invitation(string.Empty)).Subject);
        Assert.Equal("Hi Jordan", _renderer.Render(template, Brand, "jordan@example.com", Invitation("Jordan")).Subject);
    }

    [Fact]
    public void Layout_ShowsTheLogoAndThePrimaryColorAndTheCompanyInTheFooter()
    {
        var email = _renderer.Render(_renderer.Default(EmailTemplateKind.Invitation), Brand, "jordan@example.com", Invitation());

        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.acme.example/logo.png\" alt=\"Acme Heating &amp; Air\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("background-color:#0B5FFF;", email.Html, StringComparison.Ordinal);
        Assert.Contains("<strong style=\"color:#374151;\">Acme Heating &amp; Air</strong>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<title>Acme Heating &amp; Air invited you to your customer portal</title>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Hi Jordan Smith,", email.Html, StringComparison.Ordinal);
        Assert.Contains("role=\"presentation\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_WithoutLogoOrColor_ShowsTheCompanyNameAndANeutralColor()
    {
        var plain = new EmailBrand("Acme Heating & Air", "Acme Heating & Air", null, EmailBrand.NeutralColor, "https://acme.portal.example.com");

        var email = _renderer.Render(_renderer.Default(EmailTemplateKind.Invitation), plain, "jordan@example.com", Invitation());

        Assert.DoesNotContain("<img", email.Html, StringComparison.Ordinal);
        Assert.Contains("font-weight:bold;color:#111827;\">Acme Heating &amp; Air</span>", email.Html, StringComparison.Ordinal);
        Assert.Contains($"background-color:{EmailBrand.NeutralColor};", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("#0B5FFF", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailBrand_FallsBackToTheNeutralColor() =>
        Assert.Equal(EmailBrand.NeutralColor, EmailBrand.From("Acme", new Domain.Portal.EffectiveBranding("Acme", null, null), "https://x.example").PrimaryColor);

    [Fact]
    public void Compile_WhenFieldsHaveUnknownPlaceholders_ReportsEachField()
    {
        var compilation = _renderer.Compile(EmailTemplateKind.MagicLink, new EmailTemplateContent("Hi {CustomerName}", "<a href=\"{MagicLink}\">x</a> {{InvoiceNumber}}", "{MagicLink}"));

        Assert.False(compilation.IsValid);
        Assert.Contains("Unknown placeholder {CustomerName}", Assert.Single(compilation.Errors["subject"]), StringComparison.Ordinal);
        Assert.Contains("{MagicLink}, {ExpiresInMinutes}, {CompanyName}", Assert.Single(compilation.Errors["html"]), StringComparison.Ordinal);
        Assert.False(compilation.Errors.ContainsKey("text"));
    }

    [Fact]
    public void Compile_WhenABodyLacksTheKindsLink_SaysSo()
    {
        var compilation = _renderer.Compile(EmailTemplateKind.PasswordReset, new EmailTemplateContent("Reset", "<p>Call us</p>", "{ResetLink}"));

        Assert.Equal("The html body must include {ResetLink}: it is the link the customer acts on.", Assert.Single(compilation.Errors["html"]));
    }

    [Fact]
    public void Default_IsCompiledOnceAndCached() =>
        Assert.Same(_renderer.Default(EmailTemplateKind.Invoice), _renderer.Default(EmailTemplateKind.Invoice));
}
