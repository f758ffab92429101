using System.Globalization;
using HeadlessPortal.Application.EmailTemplates;

namespace HeadlessPortal.Infrastructure.ProposalDocuments;

/// <summary>How an estimate's PDF writes amounts, quantities, dates and phone numbers, for American readers.</summary>
internal static class ProposalDocumentText
{
    /// <summary>$1,234.50 for dollars, 1,234.50 EUR for other currencies (the same as the portal's emails).</summary>
    public static string Money(long minorUnits, string currency) => MoneyText.Format(minorUnits, currency);

    /// <summary>December 3, 2026.</summary>
    public static string Date(DateOnly date) => MoneyText.Date(date);

    /// <summary>1, 1.5, 0.25, 1,200: no trailing zeros.</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("#,0.####", CultureInfo.InvariantCulture);

    /// <summary>December 3, 2026 at 2:05 PM (UTC−06:00): the moment in its own offset, which says which clock it was read on.</summary>
    public static string Moment(DateTimeOffset moment)
    {
        var offset = moment.Offset;
        var sign = offset < TimeSpan.Zero ? "\u2212" : "+";
        var magnitude = offset.Duration();
        return moment.ToString("MMMM d, yyyy 'at' h:mm tt", CultureInfo.InvariantCulture)
            + $" (UTC{sign}{magnitude.Hours:00}:{magnitude.Minutes:00})";
    }

    /// <summary>(512) 555-0100 for a North American E.164 number; any other number as it was given.</summary>
    public static string Phone(string phone) =>
        phone.Length == 12 && phone.StartsWith("+1", StringComparison.Ordinal) && phone.Skip(2).All(char.IsAsciiDigit)
            ? $"({phone[2..5]}) {phone[5..8]}-{phone[8..]}"
            : phone;
}
