using HeadlessPortal.Domain.Portal;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>The branding an email is rendered with.</summary>
/// <param name="CompanyName">The company's name (its account's display name); also the sender's name.</param>
/// <param name="PortalName">The portal's effective display name: its own, or the company's name.</param>
/// <param name="LogoUrl">The effective logo, if any.</param>
/// <param name="PrimaryColor">The effective primary color, or a neutral one.</param>
/// <param name="PortalUrl">The tenant's portal address.</param>
internal sealed record EmailBrand(string CompanyName, string PortalName, string? LogoUrl, string PrimaryColor, string PortalUrl)
{
    /// <summary>Slate: reads as a deliberate accent on white, and white text on it stays legible.</summary>
    public const string NeutralColor = "#334155";

    public static EmailBrand From(string companyName, EffectiveBranding branding, string portalUrl) =>
        new(companyName, branding.DisplayName, branding.LogoUrl, branding.PrimaryColor ?? NeutralColor, portalUrl);
}

/// <summary>
/// The frame around every HTML body: an accent bar in the primary color, the logo (or the company name), the
/// body, and a footer with the company name and a link to the portal. Tables and inline styles only, 600 pixels
/// wide, as email clients (Outlook included) render them; no images besides the tenant's logo, no web fonts.
/// </summary>
internal static class EmailLayout
{
    public const string Subject = "Subject";
    public const string Body = "Body";

    // Compiled with the HTML environment: every value is escaped except the body, which is the template's rendered HTML.
    public const string Template = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="x-apple-disable-message-reformatting">
        <title>{{Subject}}</title>
        </head>
        <body style="margin:0;padding:0;background-color:#f3f4f6;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
        <tr>
        <td align="center" style="padding:24px 12px;">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;">
        <tr>
        <td height="6" style="height:6px;line-height:6px;font-size:6px;background-color:{{PrimaryColor}};">&nbsp;</td>
        </tr>
        <tr>
        <td style="padding:24px 32px 8px 32px;font-family:Arial,Helvetica,sans-serif;">
        {{#if LogoUrl}}<img src="{{LogoUrl}}" alt="{{CompanyName}}" height="48" style="display:block;height:48px;width:auto;max-width:240px;border:0;outline:none;text-decoration:none;">{{else}}<span style="font-size:22px;line-height:28px;font-weight:bold;color:#111827;">{{CompanyName}}</span>{{/if}}
        </td>
        </tr>
        <tr>
        <td style="padding:16px 32px 24px 32px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#1f2937;">
        {{{Body}}}
        </td>
        </tr>
        <tr>
        <td style="padding:20px 32px;background-color:#f9fafb;border-top:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:20px;color:#6b7280;">
        <strong style="color:#374151;">{{CompanyName}}</strong><br>
        <a href="{{PortalUrl}}" style="color:#6b7280;text-decoration:underline;">Your customer portal</a>
        </td>
        </tr>
        </table>
        </td>
        </tr>
        </table>
        </body>
        </html>
        """;
}
