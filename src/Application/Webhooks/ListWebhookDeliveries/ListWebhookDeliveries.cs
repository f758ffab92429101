using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.ListWebhookDeliveries;

/// <summary>An endpoint's delivery log, newest first, optionally only deliveries of one status.</summary>
/// <param name="EndpointId">The endpoint.</param>
/// <param name="Status">pending, succeeded or failed; all when null.</param>
/// <param name="Limit">Page size.</param>
/// <param name="After">The previous page's nextCursor.</param>
public sealed record ListWebhookDeliveriesQuery(Guid EndpointId, string? Status, int? Limit, string? After)
    : IQuery<Result<CursorPage<WebhookDeliveryDto>>>, IPageRequest;

internal sealed class ListWebhookDeliveriesHandler(IAppDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, Result<CursorPage<WebhookDeliveryDto>>>
{
    public async ValueTask<Result<CursorPage<WebhookDeliveryDto>>> Handle(ListWebhookDeliveriesQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Set<WebhookEndpoint>().AnyAsync(e => e.Id == request.EndpointId, cancellationToken))
        {
            return Error.NotFound("webhook endpoint");
        }

        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == request.EndpointId);
        if (request.Status is not null)
        {
            var status = Enum.Parse<WebhookDeliveryStatus>(request.Status, ignoreCase: true);
            query = query.Where(d => d.Status == status);
        }

        return await query.ToCursorPageAsync(request, d => d.Id, WebhookDeliveryDto.From, cancellationToken, newestFirst: true);
    }
}
