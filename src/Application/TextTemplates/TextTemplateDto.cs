using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.TextTemplates;

/// <summary>The wording of one milestone's text.</summary>
/// <param name="Milestone">job.booked, technician.dispatched, technician.en_route, work.completed or invoice.sent.</param>
/// <param name="Body">The template: text with {Placeholder}s.</param>
/// <param name="Customized">True when it is the tenant's own; false for the default.</param>
/// <param name="Placeholders">What this milestone's template may use.</param>
/// <param name="Enabled">Whether the milestone's toggle (portal settings, smsNotifications) is on.</param>
public sealed record TextTemplateDto(string Milestone, string Body, bool Customized, IReadOnlyList<string> Placeholders, bool Enabled);

/// <summary>A text as a customer would receive it, and what it costs to send.</summary>
/// <param name="Milestone">The milestone.</param>
/// <param name="Text">The rendered text, with sample values.</param>
/// <param name="Encoding">GSM-7 when every character is in the GSM alphabet; UCS-2 otherwise (any emoji or most accented letters), which fits fewer characters per segment.</param>
/// <param name="Characters">Characters as the encoding counts them (GSM-7 counts ^ { } [ ] ~ | € and \ twice).</param>
/// <param name="Segments">Parts it is sent (and billed) as: 160 GSM-7 or 70 UCS-2 characters in one, 153 or 67 each when longer.</param>
public sealed record TextPreviewDto(string Milestone, string Text, string Encoding, int Characters, int Segments);

internal static class TextTemplateErrors
{
    public static Error UnknownMilestone(string milestone) =>
        new(ErrorKind.NotFound, "text_template_not_found", $"'{milestone}' is not a milestone that sends texts ({string.Join(", ", TextMilestones.All)}).");
}

/// <summary>Sample values for previews, as long as real ones (links with a token of a real token's length).</summary>
internal sealed class TextSamples(IAppDbContext db, ICurrentTenant tenant, IClock clock, PortalEmails portal, IOptions<PortalOptions> options)
{
    public async Task<Dictionary<string, string>> ValuesAsync(CancellationToken ct)
    {
        var tenantId = tenant.Required();
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, ct);
        var account = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.AccountSettings).SingleAsync(ct);
        var portalUrl = await portal.PortalUrlAsync(tenantId, ct);
        var zone = TenantTime.ZoneOf(account);
        var today = TimeZoneInfo.ConvertTime(clock.UtcNow, zone).Date.AddDays(1);
        var from = new DateTimeOffset(today.AddHours(8), zone.GetUtcOffset(today.AddHours(8)));
        return new Dictionary<string, string>
        {
            [TextMilestones.CompanyName] = settings.Branding.ResolveWith(account).DisplayName,
            [TextMilestones.CustomerName] = "Jane Homeowner",
            [TextMilestones.JobNumber] = "J-1042",
            [TextMilestones.TechnicianFirstName] = "Mike",
            [TextMilestones.ArrivalWindow] = TextFormat.Window(from, from.AddHours(2), zone),
            [TextMilestones.PortalLink] = portalUrl,
            [TextMilestones.InvoiceNumber] = "INV-2031",
            [TextMilestones.Balance] = "$185.00",
            [TextMilestones.InvoiceLink] = PortalEmails.Link(portalUrl, options.Value.Links.PaymentLinkPath, Domain.Payments.PaymentLink.TokenPrefix + new string('x', 43)),
        };
    }

    public static bool IsOn(SmsNotifications sms, string milestone) => TextMilestones.IsOn(sms, milestone);
}
