using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Scheduling;

/// <summary>Local wall-clock times of the company's time zone turned into instants, across daylight-saving changes.</summary>
public static class LocalTimes
{
    /// <summary>
    /// <paramref name="local"/> in <paramref name="zone"/>, with its UTC offset there. A time the clocks skip (spring forward)
    /// does not exist: refused. A time that happens twice (fall back) is its first occurrence unless <paramref name="offset"/>
    /// names the other; an offset the zone does not have at that time is refused.
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local, TimeSpan? offset, TimeZoneInfo zone, string field)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            throw new DomainException("nonexistent_local_time", $"{field} {wall:yyyy-MM-ddTHH:mm:ss} does not exist in {zone.Id}: the clocks skip it.");
        }

        // TimeZoneInfo lists the offsets of an ambiguous time standard first; the first occurrence has the larger offset.
        var offsets = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).OrderByDescending(o => o).ToArray() : [zone.GetUtcOffset(wall)];
        if (offset is { } given)
        {
            return offsets.Contains(given)
                ? new DateTimeOffset(wall, given)
                : throw new DomainException("offset_mismatch", $"{field} has offset {Format(given)}, but {zone.Id} is at {string.Join(" or ", offsets.Select(Format))} then.");
        }

        return new DateTimeOffset(wall, offsets[0]);
    }

    private static string Format(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
