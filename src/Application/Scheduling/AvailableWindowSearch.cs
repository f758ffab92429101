namespace HeadlessPortal.Application.Scheduling;

/// <summary>A free window as availability reads it.</summary>
/// <param name="Id">The window's id.</param>
/// <param name="Start">Its start, with the offset it was synced with.</param>
/// <param name="End">Its end.</param>
public sealed record AvailableWindowRow(Guid Id, DateTimeOffset Start, DateTimeOffset End);

/// <summary>The current tenant's windows with a free slot for a job type, found by the database (the job types served are stored as JSON).</summary>
public interface IAvailableWindowSearch
{
    /// <summary>
    /// At most <paramref name="take"/> windows not removed, serving <paramref name="jobTypeId"/> (and in
    /// <paramref name="businessUnitId"/> when given), with a free slot, starting within the range (UTC ticks, both ends
    /// included), in start order (then id).
    /// </summary>
    Task<IReadOnlyList<AvailableWindowRow>> FindAsync(Guid jobTypeId, Guid? businessUnitId, long fromUtcTicks, long toUtcTicks, int take, CancellationToken ct);
}
