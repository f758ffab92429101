using System.Text;
using System.Text.RegularExpressions;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Reviews;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Application.Texts;

/// <summary>The milestones that send texts, their placeholders and default wording.</summary>
public static partial class TextMilestones
{
    public const string TechnicianFirstName = "TechnicianFirstName";
    public const string ArrivalWindow = "ArrivalWindow";
    public const string PortalLink = "PortalLink";
    public const string InvoiceLink = "InvoiceLink";
    public const string CompanyName = "CompanyName";
    public const string CustomerName = "CustomerName";
    public const string JobNumber = "JobNumber";
    public const string InvoiceNumber = "InvoiceNumber";
    public const string Balance = "Balance";

    /// <summary>Every milestone, in the order of a job's life; the last asks for a review of completed work.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Job.BookedEvent, Appointment.DispatchedEvent, Appointment.EnRouteEvent, Appointment.CompletedEvent, Invoice.SentEvent, ReviewPrompt.RequestedEvent];

    /// <summary>Dispatched and en route are about the next hours: never held by quiet hours.</summary>
    public static bool IsUrgent(string milestone) => milestone is Appointment.DispatchedEvent or Appointment.EnRouteEvent;

    public static bool IsOn(SmsNotifications sms, string milestone) => milestone switch
    {
        Job.BookedEvent => sms.JobBooked,
        Appointment.DispatchedEvent => sms.TechnicianDispatched,
        Appointment.EnRouteEvent => sms.TechnicianEnRoute,
        Appointment.CompletedEvent => sms.WorkComplete,
        Invoice.SentEvent => sms.InvoiceSent,
        ReviewPrompt.RequestedEvent => sms.ReviewRequest,
        _ => false,
    };

    /// <summary>The placeholders a milestone's template may use.</summary>
    public static IReadOnlyList<string> Placeholders(string milestone) => milestone switch
    {
        Job.BookedEvent => [CompanyName, CustomerName, JobNumber, ArrivalWindow, PortalLink],
        Appointment.DispatchedEvent or Appointment.EnRouteEvent or Appointment.CompletedEvent => [CompanyName, CustomerName, JobNumber, TechnicianFirstName, ArrivalWindow, PortalLink],
        Invoice.SentEvent => [CompanyName, CustomerName, InvoiceNumber, Balance, InvoiceLink, PortalLink],
        ReviewPrompt.RequestedEvent => [CompanyName, CustomerName, JobNumber, PortalLink],
        _ => [],
    };

    public static string DefaultBody(string milestone) => milestone switch
    {
        Job.BookedEvent => "{CompanyName}: your job {JobNumber} is booked. Details: {PortalLink} Reply STOP to opt out.",
        Appointment.DispatchedEvent => "{CompanyName}: {TechnicianFirstName} is assigned to your visit, arriving {ArrivalWindow}. {PortalLink}",
        Appointment.EnRouteEvent => "{CompanyName}: {TechnicianFirstName} is on the way. {PortalLink}",
        Appointment.CompletedEvent => "{CompanyName}: {TechnicianFirstName} has finished the work. Thank you! {PortalLink}",
        Invoice.SentEvent => "{CompanyName}: invoice {InvoiceNumber} for {Balance} is ready. Pay online: {InvoiceLink}",
        ReviewPrompt.RequestedEvent => "{CompanyName}: thank you for choosing us! How did we do on job {JobNumber}? Rate the visit: {PortalLink} Reply STOP to opt out.",
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, "Not a milestone that sends texts."),
    };

    /// <summary>The placeholders in a template that its milestone does not offer (empty when it can be saved).</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string milestone, string body)
    {
        var allowed = Placeholders(milestone);
        return Placeholder().Matches(body).Select(m => m.Groups[1].Value).Where(p => !allowed.Contains(p)).Distinct().ToList();
    }

    /// <summary>The template with each {Placeholder} replaced by its value (an empty value for one it lacks).</summary>
    public static string Render(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, m => values.GetValueOrDefault(m.Groups[1].Value) ?? string.Empty).Trim();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>How a text is encoded on the air and how many parts it is sent in.</summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, UCS-2 otherwise.</param>
/// <param name="Characters">Characters as the encoding counts them (GSM-7 extension characters count twice, UCS-2 counts UTF-16 units).</param>
/// <param name="Segments">Parts: 160 GSM-7 characters or 70 UCS-2 in one, 153 or 67 each when split.</param>
public sealed record TextEncodingInfo(string Encoding, int Characters, int Segments)
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static TextEncodingInfo Of(string text)
    {
        var gsm = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c))
            {
                gsm++;
            }
            else if (Extension.Contains(c))
            {
                gsm += 2;
            }
            else
            {
                var units = text.Length;
                return new("UCS-2", units, units <= 70 ? 1 : (units + 66) / 67);
            }
        }

        return new("GSM-7", gsm, gsm <= 160 ? 1 : (gsm + 152) / 153);
    }
}

/// <summary>Quiet hours: texts that would arrive from 21:00 to 08:00 in the company's time zone wait until 08:00.</summary>
public static class QuietHours
{
    public const int StartHour = 21;
    public const int EndHour = 8;

    /// <summary>When a text recorded at <paramref name="now"/> may be sent: now, or the next 08:00 in <paramref name="zone"/>.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (local.Hour is >= EndHour and < StartHour)
        {
            return now;
        }

        var day = local.Hour >= StartHour ? local.Date.AddDays(1) : local.Date;
        var eight = day.AddHours(EndHour);

        // 08:00 exists on every day in every zone (clock changes happen at night), so its offset is unambiguous.
        return new DateTimeOffset(eight, zone.GetUtcOffset(eight)).ToUniversalTime();
    }
}

/// <summary>The keywords a customer replies with, as carriers and Twilio read them: the whole message, any case.</summary>
public static class TextKeywords
{
    public static readonly IReadOnlySet<string> OptOut = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT" };

    public static readonly IReadOnlySet<string> OptIn = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };

    public static readonly IReadOnlySet<string> Help = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO" };

    /// <summary>The body as a keyword: trimmed, upper case, trailing punctuation dropped.</summary>
    public static string Normalize(string? body) => (body ?? string.Empty).Trim().TrimEnd('.', '!').Trim().ToUpperInvariant();
}

internal static class TextFormat
{
    /// <summary>"Wed, Nov 25, 9:00 AM-11:00 AM" in the company's zone.</summary>
    public static string Window(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(from, zone);
        var end = TimeZoneInfo.ConvertTime(to, zone);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return new StringBuilder().Append(start.ToString("ddd, MMM d, h:mm tt", culture)).Append('-').Append(end.ToString("h:mm tt", culture)).ToString();
    }

    public static string FirstName(string displayName) => displayName.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? displayName;
}
