using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>An email template: the tenant's own, or the default while it has none.</summary>
/// <param name="Kind">invitation, magicLink, passwordReset or invoice.</param>
/// <param name="Subject">The subject line, with placeholders.</param>
/// <param name="Html">The HTML body, with placeholders. The branded layout (logo, colors, footer) is put around it when the email is rendered.</param>
/// <param name="Text">The plain-text body, with placeholders.</param>
/// <param name="Customized">Whether the tenant replaced the default; DELETE brings the default back.</param>
/// <param name="Placeholders">The placeholders this template may use, written {Name} or {{Name}}.</param>
/// <param name="UpdatedAt">When the tenant last changed it; null while the default is in use.</param>
public sealed record EmailTemplateDto(
    EmailTemplateKind Kind,
    string Subject,
    string Html,
    string Text,
    bool Customized,
    IReadOnlyList<EmailPlaceholder> Placeholders,
    DateTimeOffset? UpdatedAt)
{
    public static EmailTemplateDto Default(EmailTemplateKind kind)
    {
        var content = DefaultEmailTemplates.For(kind);
        return new EmailTemplateDto(kind, content.Subject, content.Html, content.Text, false, EmailTemplateCatalog.Placeholders(kind), null);
    }

    public static EmailTemplateDto From(EmailTemplateKind kind, EmailTemplate? template) =>
        template is null
            ? Default(kind)
            : new EmailTemplateDto(kind, template.Subject, template.Html, template.Text, true, EmailTemplateCatalog.Placeholders(kind), template.UpdatedAt);

    /// <summary>
    /// The ETag: a hash of the content. Unlike a version number it cannot repeat after the template is reset and
    /// written again, and the default has one too, so the first customization is guarded like every other change.
    /// </summary>
    public string ETag()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', EmailTemplateCatalog.Key(Kind), Customized ? "custom" : "default", Subject, Html, Text)));
        return "\"" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "\"";
    }

    /// <summary>Whether an If-Match header names this version of the template (or is *).</summary>
    public bool IsMatchedBy(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return false;
        }

        var current = ETag();
        return ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" || string.Equals(tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag, current, StringComparison.Ordinal));
    }
}

/// <summary>A rendered email, as the customer would receive it, filled in with sample values.</summary>
/// <param name="Kind">The template's kind.</param>
/// <param name="To">The sample recipient.</param>
/// <param name="FromName">The sender's name: the company's effective display name.</param>
/// <param name="Subject">The rendered subject.</param>
/// <param name="Html">The rendered HTML, inside the branded layout.</param>
/// <param name="Text">The rendered plain text.</param>
/// <param name="SampleValues">The values the placeholders were filled with; links point into the tenant's portal.</param>
public sealed record EmailPreviewDto(
    EmailTemplateKind Kind,
    string To,
    string FromName,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> SampleValues);

/// <summary>What the audit log keeps of a template.</summary>
internal sealed record EmailTemplateAuditView(bool Customized, string Subject, string Html, string Text)
{
    public static EmailTemplateAuditView From(EmailTemplateDto dto) => new(dto.Customized, dto.Subject, dto.Html, dto.Text);
}
