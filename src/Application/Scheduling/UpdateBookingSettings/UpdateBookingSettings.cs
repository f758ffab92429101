using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Serialization;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;

namespace HeadlessPortal.Application.Scheduling.UpdateBookingSettings;

/// <summary>Replaces the booking settings; with <paramref name="ExpectedVersion"/> only while that version is current.</summary>
public sealed record UpdateBookingSettingsCommand(BookingSettingsInput Settings, int? ExpectedVersion) : ITransactionalCommand<Result<BookingSettingsDto>>;

/// <summary>The booking settings: the document GET returns, changed. A number left out takes its default; read-only fields are ignored.</summary>
/// <param name="JobTypes">The job types open to customers (may be empty: nothing bookable).</param>
/// <param name="HorizonDays">How far ahead, 1-365 days; default 30.</param>
/// <param name="LeadTimeHours">How soon, 0-720 hours, shorter than the horizon; default 24.</param>
/// <param name="ChangeCutOffHours">Reschedule and cancel cut-off before the window starts, 0-720 hours; default 24.</param>
/// <param name="WebsiteRequests">Whether website visitors may send requests; default false.</param>
[AcceptsReadOnlyFieldsOf(typeof(BookingSettingsDto))]
public sealed record BookingSettingsInput(
    [property: Required] IReadOnlyList<BookableJobTypeInput>? JobTypes,
    int? HorizonDays,
    int? LeadTimeHours,
    int? ChangeCutOffHours,
    bool? WebsiteRequests);

/// <summary>One bookable job type, named by the back office's ids.</summary>
/// <param name="JobTypeId">The back office's id of a synced job type.</param>
/// <param name="Requestable">Customers may request it; default true.</param>
/// <param name="SelfSchedulable">Customers may book a window for it themselves; requires requestable; default false.</param>
/// <param name="DurationMinutes">How long the work takes, 15-1440 minutes.</param>
/// <param name="BusinessUnitId">The back office's id of the business unit whose windows serve it; null for any unit's.</param>
[AcceptsReadOnlyFieldsOf(typeof(BookableJobTypeDto))]
public sealed record BookableJobTypeInput(
    [property: Required] string? JobTypeId,
    bool? Requestable,
    bool? SelfSchedulable,
    [property: Required] int? DurationMinutes,
    string? BusinessUnitId);

internal sealed class UpdateBookingSettingsHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock, IAuditLog audit)
    : ICommandHandler<UpdateBookingSettingsCommand, Result<BookingSettingsDto>>
{
    public async ValueTask<Result<BookingSettingsDto>> Handle(UpdateBookingSettingsCommand request, CancellationToken cancellationToken)
    {
        var tenantId = tenant.Required();
        var input = request.Settings;
        var jobTypes = await ResolveAsync(input.JobTypes!, cancellationToken);
        if (!jobTypes.IsSuccess)
        {
            return jobTypes.Error!;
        }

        var stored = await db.Set<BookingSettings>().SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        var settings = stored ?? BookingSettings.CreateDefault(tenantId);
        if (request.ExpectedVersion is { } expected && expected != settings.Version)
        {
            return new Error(ErrorKind.PreconditionFailed, "precondition_failed",
                "The booking settings changed since you read them (the If-Match ETag is stale). GET them again and reapply your change.");
        }

        var features = (await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken)).Features;
        var before = stored is null ? null : await BookingSettingsDto.FromAsync(db, settings, features, cancellationToken);
        var changed = settings.Update(
            jobTypes.Value,
            input.HorizonDays ?? BookingSettings.DefaultHorizonDays,
            input.LeadTimeHours ?? BookingSettings.DefaultLeadTimeHours,
            input.ChangeCutOffHours ?? BookingSettings.DefaultChangeCutOffHours,
            input.WebsiteRequests ?? false,
            clock.UtcNow);
        var after = await BookingSettingsDto.FromAsync(db, settings, features, cancellationToken);
        if (changed)
        {
            if (stored is null)
            {
                db.Set<BookingSettings>().Add(settings);
            }

            audit.Record(tenantId, "booking_settings.updated", "booking-settings", before, after);
            await db.SaveChangesAsync(cancellationToken);
        }

        return after;
    }

    /// <summary>The job types with their references resolved; an unknown job type or business unit is 422 unknown_reference naming the field.</summary>
    private async Task<Result<List<BookableJobType>>> ResolveAsync(IReadOnlyList<BookableJobTypeInput> inputs, CancellationToken ct)
    {
        var typeIds = inputs.Select(i => i.JobTypeId!).Distinct(StringComparer.Ordinal).ToList();
        var unitIds = inputs.Where(i => !string.IsNullOrEmpty(i.BusinessUnitId)).Select(i => i.BusinessUnitId!).Distinct(StringComparer.Ordinal).ToList();
        var types = await db.Set<JobType>().AsNoTracking().Where(j => typeIds.Contains(j.ExternalId)).ToDictionaryAsync(j => j.ExternalId, j => j.Id, StringComparer.Ordinal, ct);
        var units = await db.Set<BusinessUnit>().AsNoTracking().Where(b => unitIds.Contains(b.ExternalId)).ToDictionaryAsync(b => b.ExternalId, b => b.Id, StringComparer.Ordinal, ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var resolved = new List<BookableJobType>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!types.TryGetValue(input.JobTypeId!, out var typeId))
            {
                errors[$"jobTypes[{i}].jobTypeId"] = [$"jobTypeId \"{input.JobTypeId}\" does not exist."];
            }

            Guid? unitId = null;
            if (!string.IsNullOrEmpty(input.BusinessUnitId))
            {
                if (units.TryGetValue(input.BusinessUnitId, out var found))
                {
                    unitId = found;
                }
                else
                {
                    errors[$"jobTypes[{i}].businessUnitId"] = [$"businessUnitId \"{input.BusinessUnitId}\" does not exist."];
                }
            }

            if (errors.Count == 0)
            {
                resolved.Add(new BookableJobType(typeId, input.JobTypeId!, input.Requestable ?? true, input.SelfSchedulable ?? false, input.DurationMinutes!.Value,
                    unitId, unitId is null ? null : input.BusinessUnitId));
            }
        }

        return errors.Count == 0
            ? resolved
            : new Error(ErrorKind.Unprocessable, "unknown_reference", string.Join(" ", errors.Values.SelectMany(v => v))) { Fields = errors };
    }
}
