using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalJobs;

/// <summary>Builds what customers see of jobs; every read is by the ids of one page (or one job), never a scan.</summary>
internal static class PortalJobReader
{
    public static async Task<IReadOnlyList<PortalJobListItem>> ListItemsAsync(
        IAppDbContext db, PortalContext context, IReadOnlyList<AccessibleCustomer> customers, IReadOnlyList<Job> jobs, JobTab tab, CancellationToken ct)
    {
        if (jobs.Count == 0)
        {
            return [];
        }

        var jobIds = jobs.Select(j => j.Id).ToList();
        var appointments = (await db.Set<Appointment>().AsNoTracking().Where(a => jobIds.Contains(a.JobId)).ToListAsync(ct)).ToLookup(a => a.JobId);
        var locations = await LocationsAsync(db, jobs, ct);
        var jobTypes = await JobTypeNamesAsync(db, jobs, ct);
        var names = customers.ToDictionary(c => c.Id, c => c.Name);
        return jobs.Select(job =>
        {
            var (next, last) = NextOrLast(appointments[job.Id].ToList(), context.Now);
            return new PortalJobListItem(job.Id, job.Number, job.Summary, NameOf(jobTypes, job.JobTypeId), locations.GetValueOrDefault(job.LocationId),
                new PortalCustomerRef(job.CustomerId, names[job.CustomerId]), tab,
                next is null ? null : context.TimeOf(next), last is null ? null : context.TimeOf(last));
        }).ToList();
    }

    /// <summary>The next visit to come (not canceled or completed, starting after now), or else the latest visit.</summary>
    public static (Appointment? Next, Appointment? Last) NextOrLast(IReadOnlyList<Appointment> appointments, DateTimeOffset now)
    {
        var next = appointments
            .Where(a => a.Status is not (AppointmentStatus.Canceled or AppointmentStatus.Completed) && a.Start > now)
            .OrderBy(a => a.Start).ThenBy(a => a.Id).FirstOrDefault();
        if (next is not null)
        {
            return (next, null);
        }

        var remaining = appointments.Where(a => a.Status != AppointmentStatus.Canceled).ToList();
        var last = (remaining.Count > 0 ? remaining : appointments).OrderByDescending(a => a.Start).ThenByDescending(a => a.Id).FirstOrDefault();
        return (null, last);
    }

    public static async Task<Dictionary<Guid, PortalJobLocation>> LocationsAsync(IAppDbContext db, IReadOnlyList<Job> jobs, CancellationToken ct)
    {
        var ids = jobs.Select(j => j.LocationId).Distinct().ToList();
        var locations = await db.Set<Location>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(ct);
        return locations.ToDictionary(l => l.Id, l => new PortalJobLocation(l.Id, l.Name, AddressDocument.From(l.Address)!));
    }

    public static async Task<Dictionary<Guid, string>> JobTypeNamesAsync(IAppDbContext db, IReadOnlyList<Job> jobs, CancellationToken ct)
    {
        var ids = jobs.Where(j => j.JobTypeId is not null).Select(j => j.JobTypeId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Set<JobType>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }

    public static string? NameOf(Dictionary<Guid, string> names, Guid? id) => id is { } key && names.TryGetValue(key, out var name) ? name : null;

    /// <summary>The tab of one job, by the Domain rule.</summary>
    public static JobTab TabOf(IReadOnlyList<Appointment> appointments, DateTimeOffset now) =>
        JobTabs.Classify(appointments.Select(a => new AppointmentState(a.Status, a.Start)).ToList(), now);
}
