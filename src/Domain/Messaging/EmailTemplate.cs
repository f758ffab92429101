using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Messaging;

/// <summary>
/// A tenant's own version of one of the portal's emails (invitation, magic link, ...), replacing the default.
/// At most one per kind and tenant; removing it brings the default back. Which placeholders a kind offers is
/// the application's concern: here are the limits every template keeps.
/// </summary>
public sealed class EmailTemplate : ITenantOwned
{
    public const int KindMaxLength = 40;
    public const int SubjectMaxLength = 200;
    public const int HtmlMaxLength = 100_000;
    public const int TextMaxLength = 20_000;

    private EmailTemplate()
    {
        Kind = null!;
        Subject = null!;
        Html = null!;
        Text = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The email it replaces, by its API name (invitation, magicLink, passwordReset, invoice).</summary>
    public string Kind { get; private set; }

    /// <summary>One line: a subject with a line break would corrupt the message headers.</summary>
    public string Subject { get; private set; }

    public string Html { get; private set; }

    public string Text { get; private set; }

    /// <summary>Grows with every change; compiled templates are cached under the id and this version.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static EmailTemplate Create(TenantId tenantId, string kind, string subject, string html, string text, DateTimeOffset now)
    {
        var template = new EmailTemplate
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            Kind = Guard.Required(kind, "Template kind", KindMaxLength),
            CreatedAt = now,
        };
        template.Apply(subject, html, text, now);
        return template;
    }

    /// <summary>Replaces the content; answers whether anything changed (an identical save keeps the version).</summary>
    public bool Update(string subject, string html, string text, DateTimeOffset now)
    {
        if (string.Equals(Subject, subject.Trim(), StringComparison.Ordinal)
            && string.Equals(Html, html, StringComparison.Ordinal)
            && string.Equals(Text, text, StringComparison.Ordinal))
        {
            return false;
        }

        Apply(subject, html, text, now);
        return true;
    }

    private void Apply(string subject, string html, string text, DateTimeOffset now)
    {
        var trimmedSubject = Guard.Required(subject, "Subject", SubjectMaxLength);
        if (trimmedSubject.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new DomainException("invalid_subject", "A subject is one line.");
        }

        Subject = trimmedSubject;
        Html = Body(html, "HTML body", HtmlMaxLength);
        Text = Body(text, "Text body", TextMaxLength);
        Version++;
        UpdatedAt = now;
    }

    // Bodies keep their own whitespace: it is the admin's layout.
    private static string Body(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException("required", $"{field} is required.");
        }

        return value.Length <= maxLength ? value : throw new DomainException("too_long", $"{field} must be at most {maxLength} characters.");
    }
}
