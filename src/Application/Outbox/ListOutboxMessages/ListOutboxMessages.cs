using System.Text.Json;
using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Outbox.ListOutboxMessages;

/// <summary>Lists the tenant's outbox, newest first, optionally one type or one status.</summary>
/// <param name="Type">Only this message type.</param>
/// <param name="Status">Only this status: pending, failed, dead, sent or noSubscriber.</param>
/// <param name="Limit">Page size.</param>
/// <param name="After">The cursor of the previous page.</param>
public sealed record ListOutboxMessagesQuery(string? Type, string? Status, int? Limit, string? After) : IQuery<CursorPage<OutboxMessageDto>>, IPageRequest
{
    private static readonly Dictionary<string, OutboxStatus> Statuses =
        Enum.GetValues<OutboxStatus>().ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>The statuses as the API names them.</summary>
    public static IEnumerable<string> StatusNames => Statuses.Keys;

    /// <summary>The status filter, when one was given and it names a status.</summary>
    public OutboxStatus? StatusFilter => Status is not null && Statuses.TryGetValue(Status, out var status) ? status : null;
}

internal sealed class ListOutboxMessagesHandler(IAppDbContext db) : IQueryHandler<ListOutboxMessagesQuery, CursorPage<OutboxMessageDto>>
{
    public ValueTask<CursorPage<OutboxMessageDto>> Handle(ListOutboxMessagesQuery request, CancellationToken cancellationToken)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (!string.IsNullOrEmpty(request.Type))
        {
            query = query.Where(m => m.Type == request.Type);
        }

        if (request.StatusFilter is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        return new(query.ToCursorPageAsync(request, m => m.Id, OutboxMessageDto.From, cancellationToken, newestFirst: true));
    }
}
