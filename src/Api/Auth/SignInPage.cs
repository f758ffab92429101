using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Api.Auth;

/// <summary>What the hosted sign-in page shows.</summary>
/// <param name="Branding">The tenant's name, logo and colour.</param>
/// <param name="Methods">The tenant's sign-in methods.</param>
/// <param name="RequestParameters">The authorization request, carried through every form of the page.</param>
/// <param name="AntiforgeryField">The name of the anti-forgery form field.</param>
/// <param name="AntiforgeryToken">Its value.</param>
/// <param name="View">password, magic or portal-link (a sign-in method), invitation or reset (ask for an email).</param>
/// <param name="Email">The email to prefill.</param>
/// <param name="PortalLink">The portal link to prefill.</param>
/// <param name="Error">A message about the last attempt, or null.</param>
/// <param name="Notice">A confirmation (an email was sent if the address is known), or null.</param>
internal sealed record SignInPageModel(
    EffectiveBranding Branding,
    IReadOnlyList<SignInMethod> Methods,
    IReadOnlyList<KeyValuePair<string, string>> RequestParameters,
    string AntiforgeryField,
    string AntiforgeryToken,
    string View,
    string? Email,
    string? PortalLink,
    string? Error,
    string? Notice);

/// <summary>
/// The hosted sign-in page at /oauth/authorize: server-rendered HTML that works without JavaScript, labelled fields, the
/// tenant's name, colour and logo, one inline style sheet allowed by its hash, and nothing loaded from anywhere else but
/// the logo at its exact address (docs/decisions/0014-hosted-sign-in-methods.md).
/// </summary>
internal static partial class SignInPage
{
    public const string PasswordView = "password";
    public const string MagicLinkView = "magic";
    public const string PortalLinkView = "portal-link";
    public const string InvitationView = "invitation";
    public const string ResetView = "reset";

    /// <summary>The view of a sign-in method, in the order the page offers them.</summary>
    private static readonly (SignInMethod Method, string View, string Label)[] MethodViews =
    [
        (SignInMethod.Password, PasswordView, "Sign in with your password"),
        (SignInMethod.MagicLink, MagicLinkView, "Email me a sign-in link"),
        (SignInMethod.PhoneLastFour, PortalLinkView, "Use the link from your invoice or text"),
    ];

    /// <summary>The view a request for <paramref name="view"/> shows: the view itself when the tenant offers it, else the first method's.</summary>
    public static string ViewFor(string? view, IReadOnlyList<SignInMethod> methods)
    {
        if (view is InvitationView || (view is ResetView && methods.Contains(SignInMethod.Password)))
        {
            return view;
        }

        var offered = MethodViews.Where(m => methods.Contains(m.Method)).Select(m => m.View).ToList();
        return offered.Contains(view ?? string.Empty) ? view! : offered.FirstOrDefault() ?? PasswordView;
    }

    /// <summary>
    /// The tenant's logo as the page may load it: an absolute https URL whose address the policy can name exactly (no
    /// characters that separate policy sources, no path ending in a slash, which a policy reads as a whole folder), or null.
    /// </summary>
    public static Uri? Logo(string? logoUrl)
    {
        if (!Uri.TryCreate(logoUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var source = LogoSource(uri);
        return source.EndsWith('/') || source.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\'' or '"' or '<' or '>') || uri.AbsoluteUri.Any(c => c is '"' or '<' or '>')
            ? null
            : uri;
    }

    /// <summary>The logo's address as a policy source: scheme, host, port and path (a policy ignores the query).</summary>
    private static string LogoSource(Uri logo) => logo.GetLeftPart(UriPartial.Path);

    public static string Render(SignInPageModel model, out string styleHash)
    {
        var html = HtmlEncoder.Default;
        var colour = model.Branding.PrimaryColor is { } c && HexColour().IsMatch(c) ? c : "#1f4fd1";
        var style = Style(colour, TextOn(colour));
        styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));

        var body = new StringBuilder("<main>");
        if (Logo(model.Branding.LogoUrl) is { } logo)
        {
            // Decorative: the heading names the company.
            body.Append("<img class=\"logo\" src=\"").Append(html.Encode(logo.AbsoluteUri)).Append("\" alt=\"\" referrerpolicy=\"no-referrer\">");
        }

        body.Append("<h1>").Append(html.Encode(model.Branding.DisplayName)).Append("</h1>");
        if (model.Error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\" id=\"form-error\">").Append(html.Encode(model.Error)).Append("</p>");
        }

        if (model.Notice is not null)
        {
            body.Append("<p class=\"notice\" role=\"status\">").Append(html.Encode(model.Notice)).Append("</p>");
        }

        switch (model.View)
        {
            case InvitationView:
                EmailForm(body, model, "invitation", "Request an invitation",
                    "Enter the email address the company has on file. If it may use the portal, we send an invitation.", "Send invitation");
                break;
            case ResetView:
                EmailForm(body, model, "reset", "Reset your password", "Enter your email address. If it has an account, we send a link to set a new password.", "Send link");
                break;
            case MagicLinkView when model.Methods.Contains(SignInMethod.MagicLink):
                EmailForm(body, model, "magic", "Sign in with a link",
                    "Enter your email address. If it may use the portal, we email you a link; open it in this browser to finish signing in.", "Email me a link");
                break;
            case PortalLinkView when model.Methods.Contains(SignInMethod.PhoneLastFour):
                PortalLinkForm(body, model);
                break;
            default:
                PasswordForm(body, model);
                break;
        }

        body.Append("<nav aria-label=\"Other options\"><ul>");
        foreach (var (method, view, label) in MethodViews)
        {
            if (model.View != view && model.Methods.Contains(method))
            {
                body.Append("<li>").Append(LinkButton(model, view, label)).Append("</li>");
            }
        }

        if (model.View != InvitationView)
        {
            body.Append("<li>").Append(LinkButton(model, InvitationView, "Request an invitation")).Append("</li>");
        }

        if (model.View != ResetView && model.Methods.Contains(SignInMethod.Password))
        {
            body.Append("<li>").Append(LinkButton(model, ResetView, "Forgot your password?")).Append("</li>");
        }

        body.Append("</ul></nav></main>");
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
               "<title>Sign in to " + html.Encode(model.Branding.DisplayName) + "</title><style>" + style + "</style></head><body>" + body + "</body></html>";
    }

    /// <summary>
    /// The policy of the page: its one style sheet, the tenant's logo at its exact address (when it has one), forms posted
    /// here only, framed nowhere, nothing else loaded.
    /// </summary>
    public static string ContentSecurityPolicy(string styleHash, string redirectOrigin, string? logoUrl) =>
        $"default-src 'none'; style-src 'sha256-{styleHash}'; " +
        (Logo(logoUrl) is { } logo ? $"img-src {LogoSource(logo)}; " : string.Empty) +
        $"form-action 'self' {redirectOrigin}; base-uri 'none'; frame-ancestors 'none'";

    private static void PasswordForm(StringBuilder body, SignInPageModel model)
    {
        if (!model.Methods.Contains(SignInMethod.Password))
        {
            body.Append("<p>This portal does not offer a way to sign in here. Ask the company for an invitation, or use the link they sent you.</p>");
            return;
        }

        var html = HtmlEncoder.Default;
        var described = model.Error is null ? string.Empty : " aria-describedby=\"form-error\" aria-invalid=\"true\"";
        body.Append("<h2>Sign in</h2><form method=\"post\" novalidate>");
        Hidden(body, model, "password");
        body.Append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required")
            .Append(described).Append(" value=\"").Append(html.Encode(model.Email ?? string.Empty)).Append("\">");
        body.Append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required")
            .Append(described).Append('>');
        body.Append("<button type=\"submit\">Sign in</button></form>");
    }

    private static void PortalLinkForm(StringBuilder body, SignInPageModel model)
    {
        var html = HtmlEncoder.Default;
        var described = model.Error is null ? " aria-describedby=\"portal-link-help\"" : " aria-describedby=\"portal-link-help form-error\" aria-invalid=\"true\"";
        body.Append("<h2>Sign in with your portal link</h2><form method=\"post\" novalidate>");
        Hidden(body, model, "portal-link");
        body.Append("<label for=\"portal_link\">Portal link</label>")
            .Append("<p class=\"help\" id=\"portal-link-help\">Paste the link from your invoice or text message.</p>")
            .Append("<input id=\"portal_link\" name=\"portal_link\" type=\"text\" autocomplete=\"off\" spellcheck=\"false\" required").Append(described)
            .Append(" value=\"").Append(html.Encode(model.PortalLink ?? string.Empty)).Append("\">");
        body.Append("<label for=\"last_four\">Last four digits of your phone number</label>")
            .Append("<input id=\"last_four\" name=\"last_four\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"4\" pattern=\"[0-9]{4}\" required")
            .Append(model.Error is null ? string.Empty : " aria-describedby=\"form-error\" aria-invalid=\"true\"").Append('>');
        body.Append("<button type=\"submit\">Sign in</button></form>");
    }

    private static void EmailForm(StringBuilder body, SignInPageModel model, string action, string title, string text, string button)
    {
        var html = HtmlEncoder.Default;
        body.Append("<h2>").Append(html.Encode(title)).Append("</h2><p>").Append(html.Encode(text)).Append("</p><form method=\"post\" novalidate>");
        Hidden(body, model, action);
        body.Append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required value=\"")
            .Append(html.Encode(model.Email ?? string.Empty)).Append("\">");
        body.Append("<button type=\"submit\">").Append(html.Encode(button)).Append("</button></form>");
    }

    /// <summary>A button that shows another view of the page: a form, so the request's parameters travel in its body.</summary>
    private static string LinkButton(SignInPageModel model, string view, string label)
    {
        var body = new StringBuilder("<form method=\"post\" class=\"link\">");
        Hidden(body, model, "show");
        body.Append("<input type=\"hidden\" name=\"view\" value=\"").Append(view).Append("\"><button type=\"submit\" class=\"link\">")
            .Append(HtmlEncoder.Default.Encode(label)).Append("</button></form>");
        return body.ToString();
    }

    private static void Hidden(StringBuilder body, SignInPageModel model, string action)
    {
        var html = HtmlEncoder.Default;
        foreach (var (name, value) in model.RequestParameters)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(value)).Append("\">");
        }

        body.Append("<input type=\"hidden\" name=\"").Append(html.Encode(model.AntiforgeryField)).Append("\" value=\"").Append(html.Encode(model.AntiforgeryToken)).Append("\">");
        body.Append("<input type=\"hidden\" name=\"hp_action\" value=\"").Append(action).Append("\">");
    }

    private static string Style(string colour, string onColour) =>
        "body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1a1a1a}" +
        "main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}" +
        "h1{font-size:1.5rem;margin:0 0 1rem}h2{font-size:1.15rem}.logo{display:block;max-width:12rem;max-height:4rem;margin:0 0 1rem}" +
        ".help{margin:0 0 .25rem;font-size:.9rem;color:#3d3d3d}" +
        "label{display:block;margin:1rem 0 .25rem;font-weight:600}" +
        "input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #6b6b6b;border-radius:4px;font-size:1rem}" +
        $"button{{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem;border:0;border-radius:4px;background:{colour};color:{onColour};cursor:pointer}}" +
        "button.link{background:none;color:#1a1a1a;text-decoration:underline;padding:0;margin:.5rem 0}" +
        "form.link{display:inline}nav ul{list-style:none;padding:0;margin:1.5rem 0 0}" +
        $":focus-visible{{outline:3px solid {colour};outline-offset:2px}}" +
        ".error{color:#a40000;background:#fde8e8;padding:.6rem;border-radius:4px}.notice{background:#e8f4ea;padding:.6rem;border-radius:4px}";

    /// <summary>Black or white, whichever contrasts more with the tenant's colour (WCAG relative luminance).</summary>
    private static string TextOn(string hex)
    {
        double Channel(int offset)
        {
            var v = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();
}
