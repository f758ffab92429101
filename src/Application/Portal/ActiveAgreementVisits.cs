using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Persistence;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Portal;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Portal;

/// <summary>An active agreement's visits, without its equipment and invoices.</summary>
internal sealed record AgreementVisitsRow(Guid Id, string Name, Guid CustomerId, AgreementStatus Status, List<PlanVisit> Visits);

/// <summary>
/// The active agreements of some customers, read for their visits only: what My tasks and the jobs tab's unscheduled
/// visits show. A handful of rows whatever the table's size; a compiled query (decision 19; docs/PERFORMANCE.md, "Round
/// three" and "Round four").
/// </summary>
internal static class ActiveAgreementVisits
{
    private static readonly CompiledQuery<Func<DbContext, List<Guid>, IAsyncEnumerable<AgreementVisitsRow>>> Query = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> customerIds) =>
            db.Set<Agreement>().AsNoTracking()
                .Where(a => customerIds.Contains(a.CustomerId) && a.Status == AgreementStatus.Active)
                .Select(a => new AgreementVisitsRow(a.Id, a.Name, a.CustomerId, a.Status, EF.Property<List<PlanVisit>>(a, Plan.VisitsField)))));

    public static ValueTask<List<AgreementVisitsRow>> ReadAsync(IAppDbContext db, List<Guid> customerIds, CancellationToken ct)
    {
        var (query, context) = Query.For(db);
        return query(context, customerIds).ToListAsync(ct);
    }
}
