using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Scheduling;

/// <summary>
/// Finds free windows of a job type in SQL. The job types a window serves are a JSON list in one column
/// (<c>[{"id":"…","externalId":"…"}]</c>, written by <see cref="Persistence.JsonListConversion"/>), so the job type is matched
/// there with LIKE on its <c>"id":"…"</c> pair, a key and value no other entry can hold. The query filters (tenant, removed
/// windows) apply on top, the time range reads the (tenant, start) index in order, and the database stops at the count
/// asked for: the rows read are the rows answered, whatever the table holds.
/// </summary>
internal sealed class AvailableWindowSearch(AppDbContext db) : IAvailableWindowSearch
{
    public async Task<IReadOnlyList<AvailableWindowRow>> FindAsync(
        Guid jobTypeId, Guid? businessUnitId, long fromUtcTicks, long toUtcTicks, int take, CancellationToken ct)
    {
        var pattern = $"%\"id\":\"{jobTypeId:D}\"%";
        var query = db.Set<CapacityWindow>().FromSql($"SELECT * FROM \"CapacityWindows\" WHERE \"JobTypes\" LIKE {pattern}").AsNoTracking()
            .Where(w => w.StartUtcTicks >= fromUtcTicks && w.StartUtcTicks <= toUtcTicks && w.BookedSlots < w.TotalSlots);
        if (businessUnitId is { } unit)
        {
            query = query.Where(w => w.BusinessUnitId == unit);
        }

        return await query.OrderBy(w => w.StartUtcTicks).ThenBy(w => w.Id).Take(take)
            .Select(w => new AvailableWindowRow(w.Id, w.Start, w.End)).ToListAsync(ct);
    }
}
