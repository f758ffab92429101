using System.Globalization;
using System.Text.RegularExpressions;

namespace HeadlessPortal.Application.Scheduling;

/// <summary>
/// A window's start or end as the back office writes it: a local date and time of the company's time zone
/// (2026-03-08T08:00 or 2026-03-08T08:00:00), optionally with the UTC offset it has there (-05:00, or Z).
/// </summary>
internal static partial class LocalTimeText
{
    public const int MaxLength = 25;

    public static bool TryParse(string? text, out DateTime local, out TimeSpan? offset)
    {
        local = default;
        offset = null;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success
            || !DateTime.TryParseExact(match.Groups["local"].Value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return false;
        }

        var zone = match.Groups["offset"].Value;
        if (zone.Length == 0)
        {
            return true;
        }

        if (zone == "Z")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        var hours = int.Parse(zone[1..3], CultureInfo.InvariantCulture);
        var minutes = int.Parse(zone[4..6], CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(hours, minutes, 0);
        return true;
    }

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)(?<offset>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex Pattern();
}
