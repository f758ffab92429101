using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.ListWebhookEndpoints;

/// <summary>The current tenant's webhook endpoints, oldest first.</summary>
public sealed record ListWebhookEndpointsQuery(int? Limit, string? After) : IQuery<CursorPage<WebhookEndpointDto>>, IPageRequest;

internal sealed class ListWebhookEndpointsHandler(IAppDbContext db, IClock clock) : IQueryHandler<ListWebhookEndpointsQuery, CursorPage<WebhookEndpointDto>>
{
    public async ValueTask<CursorPage<WebhookEndpointDto>> Handle(ListWebhookEndpointsQuery request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        return await db.Set<WebhookEndpoint>().AsNoTracking().ToCursorPageAsync(request, e => e.Id, e => WebhookEndpointDto.From(e, now), cancellationToken);
    }
}
