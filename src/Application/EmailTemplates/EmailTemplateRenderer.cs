using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HeadlessPortal.Application.Messaging;
using Microsoft.Extensions.Caching.Memory;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>A template ready to render: its three parts compiled.</summary>
internal sealed record CompiledEmailTemplate(
    EmailTemplateKind Kind,
    HandlebarsTemplate<object, object> Subject,
    HandlebarsTemplate<object, object> Html,
    HandlebarsTemplate<object, object> Text);

/// <summary>A compiled template, or the errors per field (subject, html, text) that kept it from compiling.</summary>
internal sealed record TemplateCompilation(CompiledEmailTemplate? Template, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Template is not null;
}

/// <summary>
/// Compiles and renders email templates with Handlebars. The subject and text body are rendered as they are;
/// the HTML body escapes every value and is then put in the branded layout. Compiled templates are cached
/// (saved ones under their id and version, so a change is never served stale; defaults for the life of the process).
/// </summary>
internal sealed partial class EmailTemplateRenderer : IDisposable
{
    public const string SubjectField = "subject";
    public const string HtmlField = "html";
    public const string TextField = "text";

    private readonly IHandlebars _html = Handlebars.Create(new HandlebarsConfiguration { TextEncoder = new HtmlTextEncoder() });
    private readonly IHandlebars _plain = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly Lock _compiling = new();
    private readonly HandlebarsTemplate<object, object> _layout;

    // Bounded, so drafts of many tenants never grow it without limit; an evicted template is only compiled again.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public EmailTemplateRenderer()
    {
        _layout = _html.Compile(EmailLayout.Template);
    }

    public static string DefaultKey(EmailTemplateKind kind) => "default:" + EmailTemplateCatalog.Key(kind);

    public static string SavedKey(Guid id, int version) => $"{id:N}:{version}";

    /// <summary>Checks and compiles a template; nothing is cached.</summary>
    public TemplateCompilation Compile(EmailTemplateKind kind, EmailTemplateContent content)
    {
        var allowed = EmailTemplateCatalog.Placeholders(kind).Select(p => p.Name).ToList();
        var emailName = EmailTemplateCatalog.Key(kind);
        var link = EmailTemplateCatalog.LinkPlaceholder(kind);
        var errors = new Dictionary<string, string[]>();

        HandlebarsTemplate<object, object>? Part(string field, string source, IHandlebars environment, bool needsLink)
        {
            var translated = TemplateSyntax.Translate(source, allowed, emailName);
            var messages = translated.Errors.ToList();
            if (needsLink && messages.Count == 0 && !translated.Used.Contains(link))
            {
                messages.Add($"The {field} body must include {{{link}}}: it is the link the customer acts on.");
            }

            HandlebarsTemplate<object, object>? compiled = null;
            if (messages.Count == 0)
            {
                try
                {
                    lock (_compiling)
                    {
                        compiled = environment.Compile(translated.Source);
                    }
                }
                catch (HandlebarsException ex)
                {
                    messages.Add($"The template does not compile: {ex.Message.Split('\n')[0].Trim()}");
                }
            }

            if (messages.Count > 0)
            {
                errors[field] = [.. messages];
            }

            return compiled;
        }

        var subject = Part(SubjectField, content.Subject, _plain, needsLink: false);
        var html = Part(HtmlField, content.Html, _html, needsLink: true);
        var text = Part(TextField, content.Text, _plain, needsLink: true);
        return errors.Count > 0
            ? new TemplateCompilation(null, errors)
            : new TemplateCompilation(new CompiledEmailTemplate(kind, subject!, html!, text!), errors);
    }

    public CompiledEmailTemplate? Cached(string key) => _cache.TryGetValue(key, out CompiledEmailTemplate? template) ? template : null;

    public void Cache(string key, CompiledEmailTemplate template) =>
        _cache.Set(key, template, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });

    /// <summary>The default template of a kind, compiled once.</summary>
    public CompiledEmailTemplate Default(EmailTemplateKind kind)
    {
        var key = DefaultKey(kind);
        if (Cached(key) is { } cached)
        {
            return cached;
        }

        var compiled = Compile(kind, DefaultEmailTemplates.For(kind)).Template
            ?? throw new InvalidOperationException($"The default {EmailTemplateCatalog.Key(kind)} template does not compile.");
        _cache.Set(key, compiled, new MemoryCacheEntryOptions { Size = 1, Priority = CacheItemPriority.NeverRemove });
        return compiled;
    }

    /// <summary>Fills in the values and applies the branding.</summary>
    /// <exception cref="ArgumentException">The kind's link is missing, or a link is not an absolute http(s) URL.</exception>
    public OutgoingEmail Render(CompiledEmailTemplate template, EmailBrand brand, string to, IReadOnlyDictionary<string, string> values)
    {
        var context = Values(template.Kind, brand, to, values);
        var subject = Whitespace().Replace(template.Subject(context), " ").Trim();
        var body = template.Html(context);
        var text = template.Text(context);
        var layout = new Dictionary<string, string>(context, StringComparer.Ordinal)
        {
            [EmailLayout.Subject] = subject,
            [EmailLayout.Body] = body,
        };
        return new OutgoingEmail(to, brand.CompanyName, subject, _layout(layout), text, EmailTemplateCatalog.Key(template.Kind));
    }

    /// <summary>
    /// The values a template sees: the caller's, under the catalog's spelling (other names are dropped), then the
    /// tenant's own, which callers cannot replace.
    /// </summary>
    internal static Dictionary<string, string> Values(EmailTemplateKind kind, EmailBrand brand, string to, IReadOnlyDictionary<string, string> values)
    {
        var names = EmailTemplateCatalog.Placeholders(kind).ToDictionary(p => p.Name, p => p.Name, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (names.TryGetValue(key, out var name))
            {
                result[name] = value ?? string.Empty;
            }
        }

        result[EmailTemplateCatalog.CompanyName] = brand.CompanyName;
        result[EmailTemplateCatalog.PortalName] = brand.PortalName;
        result.TryAdd(EmailTemplateCatalog.RecipientName, string.Empty);
        result[EmailTemplateCatalog.PortalUrl] = brand.PortalUrl;
        result[EmailTemplateCatalog.RecipientEmail] = to;
        result[EmailTemplateCatalog.LogoUrl] = brand.LogoUrl ?? string.Empty;
        result[EmailTemplateCatalog.PrimaryColor] = brand.PrimaryColor;

        // An invoice email without its own deep link still takes the customer to the portal.
        if (kind == EmailTemplateKind.Invoice && string.IsNullOrWhiteSpace(result.GetValueOrDefault(EmailTemplateCatalog.CustomerPortalLink)))
        {
            result[EmailTemplateCatalog.CustomerPortalLink] = brand.PortalUrl;
        }

        var link = EmailTemplateCatalog.LinkPlaceholder(kind);
        if (string.IsNullOrWhiteSpace(result.GetValueOrDefault(link)))
        {
            throw new ArgumentException($"A {EmailTemplateCatalog.Key(kind)} email needs a value for {link}.", nameof(values));
        }

        foreach (var (name, value) in result)
        {
            if (EmailTemplateCatalog.IsUrl(name) && value.Length > 0 && !IsWebUrl(value))
            {
                throw new ArgumentException($"{name} must be an absolute http or https URL.", nameof(values));
            }
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    // Only web addresses reach an href or src: a javascript: or data: value could run or disguise content.
    private static bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>
    /// Escapes what can end an element's text or a quoted attribute value (&amp; &lt; &gt; " ') and nothing
    /// else, so a link's query string and non-ASCII names come through readable (Handlebars' own encoder also
    /// turns = into an entity).
    /// </summary>
    private sealed class HtmlTextEncoder : ITextEncoder
    {
        public void Encode(StringBuilder? text, TextWriter target)
        {
            if (text is null)
            {
                return;
            }

            foreach (var chunk in text.GetChunks())
            {
                foreach (var c in chunk.Span)
                {
                    Write(c, target);
                }
            }
        }

        public void Encode(string? text, TextWriter target)
        {
            if (text is null)
            {
                return;
            }

            foreach (var c in text)
            {
                Write(c, target);
            }
        }

        public void Encode<T>(T? text, TextWriter target)
            where T : IEnumerator<char>
        {
            while (text is not null && text.MoveNext())
            {
                Write(text.Current, target);
            }
        }

        private static void Write(char c, TextWriter target)
        {
            switch (c)
            {
                case '&':
                    target.Write("&amp;");
                    break;
                case '<':
                    target.Write("&lt;");
                    break;
                case '>':
                    target.Write("&gt;");
                    break;
                case '"':
                    target.Write("&quot;");
                    break;
                case '\'':
                    target.Write("&#39;");
                    break;
                default:
                    target.Write(c);
                    break;
            }
        }
    }
}
