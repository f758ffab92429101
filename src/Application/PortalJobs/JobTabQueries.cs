using System.Linq.Expressions;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;

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

    public static Expression<Func<Job, bool>> Filter(JobTab tab, IQueryable<Appointment> appointments, long nowUtcTicks) => tab switch
    {
        // Appointments, and none that is not canceled.
        JobTab.Canceled => j => appointments.Any(a => a.JobId == j.Id)
            && !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled),

        // Remaining appointments, all of them completed.
        JobTab.Completed => j => appointments.Any(a => a.JobId == j.Id && a.Status != Canceled)
            && !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != Completed),

        // Remaining appointments, all of them on hold.
        JobTab.OnHold => j => appointments.Any(a => a.JobId == j.Id && a.Status != Canceled)
            && !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != OnHold),

        // No remaining appointment that is not scheduled in the future, and not "every appointment canceled"
        // (a job without appointments has no visit yet and is upcoming too).
        JobTab.Upcoming => j => !appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && (a.Status != Scheduled || a.StartUtcTicks <= nowUtcTicks))
            && (!appointments.Any(a => a.JobId == j.Id && a.Status == Canceled) || appointments.Any(a => a.JobId == j.Id && a.Status != Canceled)),

        // Not all remaining completed, not all on hold, not all scheduled in the future (each "not all" needs a
        // remaining appointment that differs, so the job has at least one appointment not yet completed).
        JobTab.InProgress => j => appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != Completed)
            && appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && a.Status != OnHold)
            && appointments.Any(a => a.JobId == j.Id && a.Status != Canceled && (a.Status != Scheduled || a.StartUtcTicks <= nowUtcTicks)),

        _ => throw new ArgumentOutOfRangeException(nameof(tab), tab, null),
    };
}
