using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Scheduling;

/// <summary>
/// Taking and returning a window's slots under concurrency: each is one conditional UPDATE, so however many requests race
/// for a window, no more take a slot than it has free, and a release never drives the count below zero. Both see only the
/// current tenant's windows that were not removed (a release also removed ones); they run in the caller's transaction when one
/// is open. The UPDATE bypasses the change tracker: a successful one marks the tenant's data changed with the caller's next
/// SaveChanges (a booking saves its appointment), so cached availability drops the slot.
/// </summary>
public static class CapacitySlots
{
    /// <summary>Takes one slot of window <paramref name="windowId"/> if one is free; answers whether it did.</summary>
    public static async Task<bool> TryTakeAsync(IAppDbContext db, Guid windowId, DateTimeOffset now, CancellationToken ct)
    {
        var taken = await db.Set<CapacityWindow>()
            .Where(w => w.Id == windowId && w.BookedSlots < w.TotalSlots)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.BookedSlots, w => w.BookedSlots + 1).SetProperty(w => w.UpdatedAt, now.ToUniversalTime()), ct) == 1;
        if (taken)
        {
            db.MarkChanged(now);
        }

        return taken;
    }

    /// <summary>Returns one booked slot of window <paramref name="windowId"/>; answers whether there was one to return.</summary>
    public static async Task<bool> ReleaseAsync(IAppDbContext db, Guid windowId, DateTimeOffset now, CancellationToken ct)
    {
        // A removed window still gives its slot back, so its count stays true should the back office restore it.
        var released = await db.Set<CapacityWindow>().IgnoreQueryFilters([QueryFilters.NotDeleted])
            .Where(w => w.Id == windowId && w.BookedSlots > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.BookedSlots, w => w.BookedSlots - 1).SetProperty(w => w.UpdatedAt, now.ToUniversalTime()), ct) == 1;
        if (released)
        {
            db.MarkChanged(now);
        }

        return released;
    }
}
