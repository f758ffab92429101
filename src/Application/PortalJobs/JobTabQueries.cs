using System.Linq.Expressions;
using HeadlessPortal.Application.Common.Persistence;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace HeadlessPortal.Application.PortalJobs;

/// <summary>
/// The job tab rules of <see cref="JobTabs"/> as SQL filters: each is a few EXISTS lookups on the job's appointments
/// (index on JobId, Status, StartUtcTicks), so a tab costs the same whatever the size of the table. Soft-deleted
/// appointments do not count (the query filters apply inside). A test checks that these filters and
/// <see cref="JobTabs.Classify"/> put every job in the same tab.
/// </summary>
internal static class JobTabQueries
{
    private const AppointmentStatus Canceled = AppointmentStatus.Canceled;
    private const AppointmentStatus Completed = AppointmentStatus.Completed;
    private const AppointmentStatus OnHold = AppointmentStatus.OnHold;
    private const AppointmentStatus Scheduled = AppointmentStatus.Scheduled;

    /// <summary>
    /// One page of a tab's jobs among the given customers', newest first, on the first page or before a job id (a cursor),
    /// as a compiled query per tab (docs/PERFORMANCE.md, "Round four"). The cursor's bound sits behind an OR with the
    /// first-page flag on purpose: as a plain <c>Id &lt; @before</c>, SQLite takes it for an index range and walks the
    /// tenant's jobs by id (the (TenantId, Id) index) instead of the user's customers' (the (TenantId, CustomerId, Id)
    /// index); at 1M jobs that read every job older than the cursor.
    /// </summary>
    public static readonly IReadOnlyDictionary<JobTab, CompiledQuery<Func<DbContext, List<Guid>, long, bool, Guid, int, IAsyncEnumerable<Job>>>> Pages =
        Enum.GetValues<JobTab>().ToDictionary(
            tab => tab,
            tab => new CompiledQuery<Func<DbContext, List<Guid>, long, bool, Guid, int, IAsyncEnumerable<Job>>>(() => EF.CompileAsyncQuery(PageOf(tab))));

    private static Expression<Func<DbContext, List<Guid>, long, bool, Guid, int, IQueryable<Job>>> PageOf(JobTab tab)
    {
        Expression<Func<DbContext, List<Guid>, long, bool, Guid, int, IQueryable<Job>>> shape = (db, customerIds, nowUtcTicks, firstPage, before, take) =>
            db.Set<Job>().AsNoTracking()
                .Where(j => customerIds.Contains(j.CustomerId) && Placeholder.InTab(j, db.Set<Appointment>(), nowUtcTicks) && (firstPage || j.Id < before))
                .OrderByDescending(j => j.Id)
                .Take(take);
        return (Expression<Func<DbContext, List<Guid>, long, bool, Guid, int, IQueryable<Job>>>)new Inliner(Rule(tab)).Visit(shape);
    }

    /// <summary>The tab's rule over a job, the tenant's appointments and the time now.</summary>
    private static Expression<Func<Job, IQueryable<Appointment>, long, bool>> Rule(JobTab tab) => tab switch
    {
        // Appointments, and none that is not canceled.
        JobTab.Canceled => (j, appointments, nowUtcTicks) => appointments.Any(a => a.JobId == j.Id)
            && !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled),

        // Remaining appointments, all of them completed.
        JobTab.Completed => (j, appointments, nowUtcTicks) => appointments.Any(a => a.JobId == j.Id && a.Status != Canceled)
            && !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != Completed),

        // Remaining appointments, all of them on hold.
        JobTab.OnHold => (j, appointments, nowUtcTicks) => appointments.Any(a => a.JobId == j.Id && a.Status != Canceled)
            && !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != OnHold),

        // No remaining appointment that is not scheduled in the future, and not "every appointment canceled"
        // (a job without appointments has no visit yet and is upcoming too).
        JobTab.Upcoming => (j, appointments, nowUtcTicks) => !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && (a.Status != Scheduled || a.StartUtcTicks <= nowUtcTicks))
            && (!appointments.Any(a => a.JobId == j.Id && a.Status == Canceled) || appointments.Any(a => a.JobId == j.Id && a.Status != Canceled)),

        // Not all remaining completed, not all on hold, not all scheduled in the future (each "not all" needs a
        // remaining appointment that differs, so the job has at least one appointment not yet completed).
        JobTab.InProgress => (j, appointments, nowUtcTicks) => appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != Completed)
            && appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != OnHold)
            && appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && (a.Status != Scheduled || a.StartUtcTicks <= nowUtcTicks)),

        _ => throw new ArgumentOutOfRangeException(nameof(tab), tab, null),
    };

    /// <summary>The stand-in in <see cref="PageOf"/> that <see cref="Inliner"/> replaces; never run.</summary>
    private static class Placeholder
    {
        public static bool InTab(Job job, IQueryable<Appointment> appointments, long nowUtcTicks) => throw new InvalidOperationException();
    }

    /// <summary>Puts the tab's rule in place of <see cref="Placeholder.InTab"/>.</summary>
    private sealed class Inliner(Expression<Func<Job, IQueryable<Appointment>, long, bool>> rule) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(Placeholder))
            {
                return base.VisitMethodCall(node);
            }

            return ReplacingExpressionVisitor.Replace(rule.Parameters, node.Arguments.Select(Visit).ToList()!, rule.Body);
        }
    }
}
