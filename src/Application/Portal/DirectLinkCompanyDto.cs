namespace HeadlessPortal.Application.Portal;

/// <summary>The company behind a direct link (a payment or estimate link), as the customer should recognise it.</summary>
/// <param name="DisplayName">The company's name (the portal's effective display name).</param>
/// <param name="LogoUrl">Its logo, if any.</param>
/// <param name="PrimaryColor">Its brand color, #RRGGBB, if any.</param>
/// <param name="Phone">Where to call with questions, if the company gave a phone number.</param>
/// <param name="Email">Where to write with questions, if the company gave an email address.</param>
public sealed record DirectLinkCompanyDto(string DisplayName, string? LogoUrl, string? PrimaryColor, string? Phone, string? Email)
{
    /// <summary>The effective branding of the portal with the company's contact details.</summary>
    internal static DirectLinkCompanyDto From(PortalContext context)
    {
        var branding = context.Settings.Branding.ResolveWith(context.Account);
        return new DirectLinkCompanyDto(branding.DisplayName, branding.LogoUrl, branding.PrimaryColor, context.Account.Phone, context.Account.Email);
    }
}
