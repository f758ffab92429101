using System.Text.Json;
using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Auditing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.AuditEvents.ListAuditEvents;

/// <summary>One recorded change.</summary>
/// <param name="Id">Event id.</param>
/// <param name="Actor">Who: an API client id, or "platform".</param>
/// <param name="Action">What, such as portal_settings.updated.</param>
/// <param name="Target">On what, such as portal-settings.</param>
/// <param name="Before">State before (null when created).</param>
/// <param name="After">State after (null when removed).</param>
/// <param name="OccurredAt">When.</param>
public sealed record AuditEventDto(Guid Id, string Actor, string Action, string Target, JsonElement? Before, JsonElement? After, DateTimeOffset OccurredAt)
{
    public static AuditEventDto From(AuditEvent e) => new(e.Id, e.Actor, e.Action, e.Target, Parse(e.Before), Parse(e.After), e.OccurredAt);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary>Lists audit events, newest first.</summary>
/// <param name="Action">Only this action.</param>
/// <param name="Actor">Only this actor.</param>
/// <param name="Target">Only this target.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListAuditEventsQuery(string? Action, string? Actor, string? Target, int? Limit, string? After)
    : IQuery<CursorPage<AuditEventDto>>, IPageRequest;

internal sealed class ListAuditEventsHandler(IAppDbContext db) : IQueryHandler<ListAuditEventsQuery, CursorPage<AuditEventDto>>
{
    public async ValueTask<CursorPage<AuditEventDto>> Handle(ListAuditEventsQuery request, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(request.Action))
        {
            query = query.Where(e => e.Action == request.Action);
        }

        if (!string.IsNullOrEmpty(request.Actor))
        {
            query = query.Where(e => e.Actor == request.Actor);
        }

        if (!string.IsNullOrEmpty(request.Target))
        {
            query = query.Where(e => e.Target == request.Target);
        }

        return await query.ToCursorPageAsync(request, e => e.Id, AuditEventDto.From, cancellationToken, newestFirst: true);
    }
}
