using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Scheduling.UpsertCapacityWindows;

/// <summary>Creates or updates many windows at once (a week of them, each named once), each as its own PUT would; a bad window fails alone.</summary>
public sealed record UpsertCapacityWindowsCommand(IReadOnlyList<CapacityWindowBatchItem>? Windows) : ITransactionalCommand<Result<CapacityWindowBatchResult>>
{
    /// <summary>A week of windows for a large company: 500 a day.</summary>
    public const int MaxWindows = 3500;

    /// <summary>One result per window sent.</summary>
    public const int MaxResults = MaxWindows;
}

/// <summary>What became of one window of a batch.</summary>
public enum CapacityWindowItemStatus
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

/// <summary>One window of a batch: its back office id and the same fields as PUT /v1/admin/capacity-windows/{externalId}.</summary>
/// <param name="ExternalId">The back office's id of the window.</param>
/// <param name="BusinessUnitId">The business unit whose technicians work it.</param>
/// <param name="JobTypeIds">The job types it serves, 1-50.</param>
/// <param name="Start">Local date and time in the company's time zone (2026-03-08T08:00), optionally with its offset there.</param>
/// <param name="End">As start; after it, at most 24 hours later.</param>
/// <param name="TotalSlots">How many appointments it takes, 0-1000.</param>
public sealed record CapacityWindowBatchItem(string? ExternalId, string BusinessUnitId, IReadOnlyList<string> JobTypeIds, string Start, string End, int? TotalSlots)
{
    public CapacityWindowDocument ToDocument() => new(BusinessUnitId, JobTypeIds, Start, End, TotalSlots);
}

/// <summary>What a batch did, counted and per window in the order sent.</summary>
/// <param name="Created">Windows created.</param>
/// <param name="Updated">Windows changed.</param>
/// <param name="Unchanged">Windows sent exactly as stored.</param>
/// <param name="Failed">Windows refused (see each result's error); the others were stored.</param>
/// <param name="BelowBookings">Windows now smaller than the slots already booked in them (warning window_below_bookings).</param>
/// <param name="Results">One per window sent, in order.</param>
public sealed record CapacityWindowBatchResult(int Created, int Updated, int Unchanged, int Failed, int BelowBookings, IReadOnlyList<CapacityWindowItemResult> Results);

/// <summary>The outcome for one window.</summary>
/// <param name="ExternalId">The window's back office id.</param>
/// <param name="Status">created, updated, unchanged or failed.</param>
/// <param name="Window">The window as stored; null when it failed.</param>
/// <param name="Error">Why it failed: validation_failed, unknown_reference, or a rule's code such as nonexistent_local_time; null otherwise.</param>
public sealed record CapacityWindowItemResult(string ExternalId, CapacityWindowItemStatus Status, CapacityWindowView? Window, CapacityWindowItemError? Error);

/// <summary>Why one window of a batch was refused.</summary>
/// <param name="Code">A stable code.</param>
/// <param name="Message">What was wrong.</param>
/// <param name="Errors">Messages per field of the window, when the failure is about fields.</param>
public sealed record CapacityWindowItemError(string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors);

internal sealed class UpsertCapacityWindowsHandler(IAppDbContext db, ICurrentTenant tenant, IClock clock, SyncResourceRegistry registry)
    : ICommandHandler<UpsertCapacityWindowsCommand, Result<CapacityWindowBatchResult>>
{
    public async ValueTask<Result<CapacityWindowBatchResult>> Handle(UpsertCapacityWindowsCommand request, CancellationToken cancellationToken)
    {
        var resource = (CapacityWindowSync)registry.ByName(CapacityWindowSync.ResourceName);
        var context = new SyncContext(db, tenant.Required(), clock.UtcNow);
        var items = request.Windows!;
        var ids = items.Select(i => i.ExternalId!).Distinct(StringComparer.Ordinal).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            existing.UnionWith(await db.Set<CapacityWindow>().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .Where(w => chunk.Contains(w.ExternalId)).Select(w => w.ExternalId).ToListAsync(cancellationToken));
        }

        var documents = items.Select(i => new SyncItem(i.ExternalId!, i.ToDocument())).ToList();
        await resource.PreloadAsync(context, documents.Select(d => d.Document), cancellationToken);
        var errors = await resource.UpsertManyAsync(context, documents, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (UniqueConstraintViolationException)
        {
            return Error.Conflict("concurrent_change", "Another request created some of these windows at the same moment; send the batch again.");
        }

        var stored = db.Set<CapacityWindow>().Local.ToDictionary(w => w.ExternalId, StringComparer.Ordinal);
        var results = new List<CapacityWindowItemResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var id = items[i].ExternalId!;
            if (errors[i] is { } error)
            {
                results.Add(new CapacityWindowItemResult(id, CapacityWindowItemStatus.Failed, null, new CapacityWindowItemError(error.Code, error.Message, error.Fields)));
                continue;
            }

            var window = stored[id];
            var status = !existing.Contains(id) ? CapacityWindowItemStatus.Created
                : window.UpdatedAt == context.Now ? CapacityWindowItemStatus.Updated : CapacityWindowItemStatus.Unchanged;
            results.Add(new CapacityWindowItemResult(id, status, resource.ToView(window), null));
        }

        return new CapacityWindowBatchResult(
            results.Count(r => r.Status == CapacityWindowItemStatus.Created), results.Count(r => r.Status == CapacityWindowItemStatus.Updated), results.Count(r => r.Status == CapacityWindowItemStatus.Unchanged),
            results.Count(r => r.Status == CapacityWindowItemStatus.Failed), results.Count(r => r.Window is { OverbookedBy: > 0 }), results);
    }
}
