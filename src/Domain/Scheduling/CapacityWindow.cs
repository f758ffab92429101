using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Scheduling;

/// <summary>
/// An arrival window the back office offers for booking: a business unit, the job types it serves, when it starts and ends,
/// and how many appointments it takes (<see cref="TotalSlots"/>). <see cref="BookedSlots"/> counts the slots customers took
/// here; the back office's syncs change the size but never the bookings. A window shrunk below its bookings is kept as sent
/// (the back office is the system of record) and reported; it offers no free slot until bookings fall below its size.
/// </summary>
public sealed class CapacityWindow : SyncedEntity
{
    public const int MaxTotalSlots = 1000;
    public const int MaxJobTypes = 50;
    public const int MaxHours = 24;

    /// <summary>The warning a window below its bookings carries.</summary>
    public const string BelowBookingsWarning = "window_below_bookings";

    private Guid _businessUnitId;
    private string _businessUnitExternalId = null!;
    private List<Ref> _jobTypes = [];
    private DateTimeOffset _start;
    private DateTimeOffset _end;

    private CapacityWindow()
    {
    }

    private CapacityWindow(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref BusinessUnit => new(_businessUnitId, _businessUnitExternalId);

    public Guid BusinessUnitId => _businessUnitId;

    public string BusinessUnitExternalId => _businessUnitExternalId;

    public IReadOnlyList<Ref> JobTypes => _jobTypes;

    /// <summary>When the window starts, with the company's UTC offset at that moment.</summary>
    public DateTimeOffset Start => _start;

    public DateTimeOffset End => _end;

    /// <summary>The start as UTC ticks: a number every engine compares in SQL.</summary>
    public long StartUtcTicks { get; private set; }

    public long EndUtcTicks { get; private set; }

    public int TotalSlots { get; private set; }

    public int BookedSlots { get; private set; }

    /// <summary>Slots that can still be booked; never below zero, even when the window was shrunk below its bookings.</summary>
    public int FreeSlots => Math.Max(0, TotalSlots - BookedSlots);

    /// <summary>How many bookings the window holds beyond its size (0 unless the back office shrank it below them).</summary>
    public int OverbookedBy => Math.Max(0, BookedSlots - TotalSlots);

    public bool IsBelowBookings => BookedSlots > TotalSlots;

    public static CapacityWindow Create(TenantId tenantId, string externalId, Ref businessUnit, IEnumerable<Ref> jobTypes, DateTimeOffset start, DateTimeOffset end,
        int totalSlots, DateTimeOffset now)
    {
        var window = new CapacityWindow(tenantId, externalId, now);
        window.Update(businessUnit, jobTypes, start, end, totalSlots, now);
        return window;
    }

    /// <summary>
    /// Applies the back office's values, keeping the booked slots; answers whether anything changed. Rules: it ends after it
    /// starts, within 24 hours; 0-1000 slots; 1-50 job types.
    /// </summary>
    public bool Update(Ref businessUnit, IEnumerable<Ref> jobTypes, DateTimeOffset start, DateTimeOffset end, int totalSlots, DateTimeOffset now)
    {
        if (end <= start || end - start > TimeSpan.FromHours(MaxHours))
        {
            throw new DomainException("invalid_window", $"A window ends after it starts, at most {MaxHours} hours later.");
        }

        if (totalSlots is < 0 or > MaxTotalSlots)
        {
            throw new DomainException("invalid_slots", $"A window has 0 to {MaxTotalSlots} slots.");
        }

        var types = jobTypes.DistinctBy(t => t.Id).ToList();
        if (types.Count is 0 or > MaxJobTypes)
        {
            throw new DomainException("invalid_job_types", $"A window serves 1 to {MaxJobTypes} job types.");
        }

        var changed = SetRef(businessUnit, ref _businessUnitId, ref _businessUnitExternalId);
        changed |= SetList(ref _jobTypes, types);
        changed |= Set(ref _start, start);
        changed |= Set(ref _end, end);
        StartUtcTicks = start.UtcTicks;
        EndUtcTicks = end.UtcTicks;
        if (totalSlots != TotalSlots)
        {
            TotalSlots = totalSlots;
            changed = true;
        }

        return Stamp(changed, now);
    }

    public bool Serves(Guid jobTypeId) => _jobTypes.Any(t => t.Id == jobTypeId);

    /// <summary>Takes one slot when one is free; answers whether it did. Never books beyond the window's size.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        if (IsDeleted || BookedSlots >= TotalSlots)
        {
            return false;
        }

        BookedSlots++;
        MarkUpdated(now);
        return true;
    }

    /// <summary>Gives one booked slot back; answers whether there was one. Never goes below zero.</summary>
    public bool Release(DateTimeOffset now)
    {
        if (BookedSlots <= 0)
        {
            return false;
        }

        BookedSlots--;
        MarkUpdated(now);
        return true;
    }
}
