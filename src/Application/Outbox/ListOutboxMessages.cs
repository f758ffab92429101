using System.Text.Json;
using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Outbox;

/// <summary>A domain event waiting in the outbox (or already delivered).</summary>
/// <param name="Id">Message id.</param>
/// <param name="Type">Such as job.booked, technician.dispatched, invoice.sent.</param>
/// <param name="Payload">The event: its type and the record it is about.</param>
/// <param name="OccurredAt">When the change happened.</param>
/// <param name="ProcessedAt">When it was delivered; null while pending.</param>
public sealed record OutboxMessageDto(Guid Id, string Type, JsonElement Payload, DateTimeOffset OccurredAt, DateTimeOffset? ProcessedAt)
{
    public static OutboxMessageDto From(OutboxMessage m) =>
        new(m.Id, m.Type, JsonDocument.Parse(m.Payload).RootElement.Clone(), m.OccurredAt, m.ProcessedAt);
}

/// <summary>Lists the tenant's outbox, newest first, optionally one event type.</summary>
public sealed record ListOutboxMessagesQuery(string? Type, int? Limit, string? After) : IQuery<CursorPage<OutboxMessageDto>>, IPageRequest;

internal sealed class ListOutboxMessagesValidator : AbstractValidator<ListOutboxMessagesQuery>
{
    public ListOutboxMessagesValidator() => this.AddPageRules();
}

internal sealed class ListOutboxMessagesHandler(IAppDbContext db) : IRequestHandler<ListOutboxMessagesQuery, CursorPage<OutboxMessageDto>>
{
    public Task<CursorPage<OutboxMessageDto>> Handle(ListOutboxMessagesQuery request, CancellationToken cancellationToken)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (!string.IsNullOrEmpty(request.Type))
        {
            query = query.Where(m => m.Type == request.Type);
        }

        return query.ToCursorPageAsync(request, m => m.Id, OutboxMessageDto.From, cancellationToken, newestFirst: true);
    }
}
