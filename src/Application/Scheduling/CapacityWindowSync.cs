using FluentValidation;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Validation;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Scheduling;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Application.Scheduling;

/// <summary>An arrival window with capacity (PUT /v1/admin/capacity-windows/{externalId}). References are the back office's ids.</summary>
/// <param name="BusinessUnitId">The business unit whose technicians work it.</param>
/// <param name="JobTypeIds">The job types it serves, 1-50.</param>
/// <param name="Start">Local date and time in the company's time zone (2026-03-08T08:00), optionally with its UTC offset there (2026-03-08T08:00-05:00), which is then checked; a time the clocks skip is refused.</param>
/// <param name="End">As start; after it, at most 24 hours later.</param>
/// <param name="TotalSlots">How many appointments it takes, 0-1000. Slots already booked are kept when this changes.</param>
public sealed record CapacityWindowDocument(string BusinessUnitId, IReadOnlyList<string> JobTypeIds, string Start, string End, int? TotalSlots);

/// <summary>An arrival window as the office sees it.</summary>
/// <param name="Id">The portal's id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="BusinessUnitId">The business unit (back office id).</param>
/// <param name="JobTypeIds">The job types it serves (back office ids).</param>
/// <param name="Start">When it starts, with the company's UTC offset then.</param>
/// <param name="End">When it ends.</param>
/// <param name="TotalSlots">Its size as the back office sent it.</param>
/// <param name="BookedSlots">Slots customers booked in the portal.</param>
/// <param name="FreeSlots">Slots still bookable: max(0, totalSlots - bookedSlots).</param>
/// <param name="OverbookedBy">Bookings beyond its size after the back office shrank it (0 otherwise).</param>
/// <param name="Warnings">window_below_bookings while overbookedBy is above 0.</param>
/// <param name="CreatedAt">When it was first synced.</param>
/// <param name="UpdatedAt">When it last changed (a sync or a booking).</param>
/// <param name="DeletedAt">When it was removed, if it was.</param>
public sealed record CapacityWindowView(Guid Id, string ExternalId, string BusinessUnitId, IReadOnlyList<string> JobTypeIds, DateTimeOffset Start, DateTimeOffset End,
    int TotalSlots, int BookedSlots, int FreeSlots, int OverbookedBy, IReadOnlyList<string> Warnings, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class CapacityWindowDocumentValidator : AbstractValidator<CapacityWindowDocument>
{
    public CapacityWindowDocumentValidator()
    {
        RuleFor(x => x.BusinessUnitId).NotEmpty().WithMessage("businessUnitId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.JobTypeIds).NotEmpty().WithMessage("jobTypeIds names at least one job type.")
            .MaxItems(CapacityWindow.MaxJobTypes).WithMessage($"jobTypeIds names at most {CapacityWindow.MaxJobTypes} job types.");
        RuleForEach(x => x.JobTypeIds).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Start).NotEmpty().WithMessage("start is required.").MaximumLength(LocalTimeText.MaxLength)
            .Must(s => LocalTimeText.TryParse(s, out _, out _)).WithMessage("start is a local date and time such as 2026-03-08T08:00, optionally with its offset (-05:00).");
        RuleFor(x => x.End).NotEmpty().WithMessage("end is required.").MaximumLength(LocalTimeText.MaxLength)
            .Must(s => LocalTimeText.TryParse(s, out _, out _)).WithMessage("end is a local date and time such as 2026-03-08T12:00, optionally with its offset (-05:00).");
        RuleFor(x => x.End)
            .Must((d, end) => LocalTimeText.TryParse(d.Start, out var from, out _) && LocalTimeText.TryParse(end, out var to, out _) && to > from && to - from <= TimeSpan.FromHours(CapacityWindow.MaxHours))
            .When(d => LocalTimeText.TryParse(d.Start, out _, out _) && LocalTimeText.TryParse(d.End, out _, out _))
            .WithMessage($"end is after start, at most {CapacityWindow.MaxHours} hours later.");
        RuleFor(x => x.TotalSlots).NotNull().WithMessage("totalSlots is required.")
            .InclusiveBetween(0, CapacityWindow.MaxTotalSlots).WithMessage($"totalSlots is 0 to {CapacityWindow.MaxTotalSlots}.");
    }
}

/// <summary>
/// Arrival windows from the back office. A window resized below the slots already booked keeps them, says so in its view
/// (overbookedBy, window_below_bookings) and is audited as capacity_window.below_bookings.
/// </summary>
internal sealed class CapacityWindowSync(IValidator<CapacityWindowDocument> validator, IAuditLog audit) : SyncResource<CapacityWindow, CapacityWindowDocument, CapacityWindowView>(validator)
{
    public const string ResourceName = "capacity-windows";
    public const string BelowBookingsAction = "capacity_window.below_bookings";

    private TimeZoneInfo? _zone;

    public override string Name => ResourceName;

    public override string ImportType => "capacityWindow";

    public override int ApplyStage => 1;

    protected override string Singular => "capacity window";

    protected override async Task<CapacityWindow?> ApplyAsync(SyncContext context, CapacityWindow? existing, string externalId, CapacityWindowDocument d, CancellationToken ct)
    {
        var unit = await context.ResolveAsync<BusinessUnit>("businessUnitId", d.BusinessUnitId, ct);
        var jobTypes = await context.ResolveManyAsync<JobType>("jobTypeIds", d.JobTypeIds, ct);
        if (context.HasErrors)
        {
            return null;
        }

        // One sync call works for one tenant; its zone is read once.
        _zone ??= await TenantTime.ZoneAsync(context.Db, context.TenantId, ct);
        LocalTimeText.TryParse(d.Start, out var startLocal, out var startOffset);
        LocalTimeText.TryParse(d.End, out var endLocal, out var endOffset);
        var start = LocalTimes.Resolve(startLocal, startOffset, _zone, "start");
        var end = LocalTimes.Resolve(endLocal, endOffset, _zone, "end");

        if (existing is null)
        {
            return CapacityWindow.Create(context.TenantId, externalId, unit!.Value, jobTypes, start, end, d.TotalSlots!.Value, context.Now);
        }

        var before = new SlotCounts(existing.TotalSlots, existing.BookedSlots);
        existing.Update(unit!.Value, jobTypes, start, end, d.TotalSlots!.Value, context.Now);
        if (existing.IsBelowBookings && before.TotalSlots != existing.TotalSlots)
        {
            audit.Record(context.TenantId, BelowBookingsAction, $"{ResourceName}/{externalId}", before, new SlotCounts(existing.TotalSlots, existing.BookedSlots));
        }

        return existing;
    }

    protected override async Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<CapacityWindowDocument> documents, CancellationToken ct)
    {
        await context.PreloadAsync<BusinessUnit>(documents.Select(d => d.BusinessUnitId), ct);
        await context.PreloadAsync<JobType>(documents.SelectMany(d => d.JobTypeIds ?? []), ct);
    }

    public override CapacityWindowView ToView(CapacityWindow w) => new(
        w.Id, w.ExternalId, w.BusinessUnitExternalId, w.JobTypes.Select(t => t.ExternalId).ToList(), w.Start, w.End, w.TotalSlots, w.BookedSlots, w.FreeSlots,
        w.OverbookedBy, w.IsBelowBookings ? [CapacityWindow.BelowBookingsWarning] : [], w.CreatedAt, w.UpdatedAt, w.DeletedAt);

    /// <summary>A window's size and bookings, as audited.</summary>
    private sealed record SlotCounts(int TotalSlots, int BookedSlots);
}
