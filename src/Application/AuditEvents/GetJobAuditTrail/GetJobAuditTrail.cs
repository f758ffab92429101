using System.Text.Json;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.AuditEvents.GetJobAuditTrail;

/// <summary>One entry of a job's audit trail.</summary>
/// <param name="Id">The audit event's id.</param>
/// <param name="Action">What happened, such as payment.succeeded.</param>
/// <param name="Actor">Who or what did it: an API client id, system, or the payment provider's events.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Details">What the event recorded, such as { paymentId, invoiceNumber, amount, currency, method }; null when nothing.</param>
public sealed record JobAuditEntryDto(Guid Id, string Action, string Actor, DateTimeOffset OccurredAt, JsonElement? Details);

/// <summary>A job's audit trail, newest first.</summary>
/// <param name="JobExternalId">The job's id in the back office.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record GetJobAuditTrailQuery(string JobExternalId, int? Limit, string? After) : IQuery<Result<CursorPage<JobAuditEntryDto>>>, IPageRequest;

internal sealed class GetJobAuditTrailHandler(IAppDbContext db) : IQueryHandler<GetJobAuditTrailQuery, Result<CursorPage<JobAuditEntryDto>>>
{
    public async ValueTask<Result<CursorPage<JobAuditEntryDto>>> Handle(GetJobAuditTrailQuery request, CancellationToken cancellationToken)
    {
        // A removed job keeps its history.
        var known = await db.Set<Job>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AnyAsync(j => j.ExternalId == request.JobExternalId, cancellationToken);
        if (!known)
        {
            return Error.NotFound("job");
        }

        var target = JobAuditTrail.TargetOf(request.JobExternalId);
        return await db.AuditEvents.AsNoTracking().Where(e => e.Target == target)
            .ToCursorPageAsync(request, e => e.Id, e => new JobAuditEntryDto(e.Id, e.Action, e.Actor, e.OccurredAt, Parse(e.After)), cancellationToken, newestFirst: true);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
