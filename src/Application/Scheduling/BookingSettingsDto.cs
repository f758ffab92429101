using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Scheduling;

/// <summary>What customers may book. PUT takes this same document; read-only fields are ignored.</summary>
/// <param name="JobTypes">The job types open to customers.</param>
/// <param name="HorizonDays">How far ahead a window may be booked, 1-365 days.</param>
/// <param name="LeadTimeHours">How soon: a window starting sooner than this cannot be booked, 0-720 hours; shorter than the horizon.</param>
/// <param name="ChangeCutOffHours">Appointments may be rescheduled or canceled until this many hours before their window starts, 0-720.</param>
/// <param name="WebsiteRequests">Whether website visitors may send requests (with a publishable key).</param>
/// <param name="Features">Read-only: the portal features these settings sit beneath (PUT /v1/admin/portal-settings changes them).</param>
/// <param name="Warnings">Read-only: settings that are saved but do nothing now.</param>
/// <param name="Version">Read-only: grows with every change (0 while never saved); the ETag carries it.</param>
/// <param name="UpdatedAt">Read-only: when they last changed; null while never saved.</param>
public sealed record BookingSettingsDto(
    IReadOnlyList<BookableJobTypeDto> JobTypes,
    int HorizonDays,
    int LeadTimeHours,
    int ChangeCutOffHours,
    bool WebsiteRequests,
    BookingFeaturesDto Features,
    IReadOnlyList<SettingsWarning> Warnings,
    int Version,
    DateTimeOffset? UpdatedAt)
{
    public static async Task<BookingSettingsDto> FromAsync(IAppDbContext db, BookingSettings settings, PortalFeatures features, CancellationToken ct)
    {
        var ids = settings.JobTypes.Select(j => j.JobTypeId).ToList();
        var names = await db.Set<JobType>().AsNoTracking().Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var warnings = new List<SettingsWarning>();
        if (!features.JobBooking && settings.JobTypes.Any(j => j.Requestable))
        {
            warnings.Add(new SettingsWarning("job_booking_off", "Job booking is off in the portal settings: customers can book nothing until features.jobBooking is on."));
        }
        else if (!features.SelfScheduling && settings.JobTypes.Any(j => j.SelfSchedulable))
        {
            warnings.Add(new SettingsWarning("self_scheduling_off", "Self-scheduling is off in the portal settings: self-schedulable job types are request-only until features.selfScheduling is on."));
        }

        if (settings.JobTypes.Any(j => !names.ContainsKey(j.JobTypeId)))
        {
            warnings.Add(new SettingsWarning("job_type_removed", "A bookable job type was removed by the back office; customers do not see it."));
        }

        return new BookingSettingsDto(
            settings.JobTypes.Select(j => new BookableJobTypeDto(
                j.JobTypeExternalId, j.JobTypeId, names.GetValueOrDefault(j.JobTypeId), j.Requestable, j.SelfSchedulable,
                BookingSettings.IsSelfSchedulable(j, features), j.DurationMinutes, j.BusinessUnitExternalId)).ToList(),
            settings.HorizonDays,
            settings.LeadTimeHours,
            settings.ChangeCutOffHours,
            settings.WebsiteRequests,
            new BookingFeaturesDto(features.JobBooking, features.SelfScheduling),
            warnings,
            settings.Version,
            settings.UpdatedAt);
    }
}

/// <summary>One bookable job type.</summary>
/// <param name="JobTypeId">The back office's id of the job type.</param>
/// <param name="Id">Read-only: the portal's id of the job type (what portal requests name).</param>
/// <param name="Name">Read-only: its name; null when the back office removed it.</param>
/// <param name="Requestable">Customers may send a request for it.</param>
/// <param name="SelfSchedulable">Customers may book a free window for it themselves; implies requestable.</param>
/// <param name="SelfSchedulingEffective">Read-only: self-schedulable and self-scheduling on in the portal features; otherwise request-only.</param>
/// <param name="DurationMinutes">How long the work takes, 15-1440 minutes.</param>
/// <param name="BusinessUnitId">The back office's id of the business unit that does it; null when any unit's windows serve it.</param>
public sealed record BookableJobTypeDto(
    string JobTypeId, Guid Id, string? Name, bool Requestable, bool SelfSchedulable, bool SelfSchedulingEffective, int DurationMinutes, string? BusinessUnitId);

/// <summary>The portal features booking depends on.</summary>
/// <param name="JobBooking">Customers may book at all.</param>
/// <param name="SelfScheduling">Self-schedulable job types may be booked into a window at once.</param>
public sealed record BookingFeaturesDto(bool JobBooking, bool SelfScheduling);
