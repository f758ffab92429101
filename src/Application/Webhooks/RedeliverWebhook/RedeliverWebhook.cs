using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.RedeliverWebhook;

/// <summary>
/// Sends a logged delivery again, whatever became of it: the same body and event id (receivers recognise the duplicate),
/// signed anew, due now and retried for 3 days like a new one. Only to an enabled endpoint.
/// </summary>
public sealed record RedeliverWebhookCommand(Guid EndpointId, Guid DeliveryId) : ITransactionalCommand<Result<WebhookDeliveryDto>>;

internal sealed class RedeliverWebhookHandler(IAppDbContext db, IClock clock, IWebhookSignal signal) : ICommandHandler<RedeliverWebhookCommand, Result<WebhookDeliveryDto>>
{
    public async ValueTask<Result<WebhookDeliveryDto>> Handle(RedeliverWebhookCommand request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EndpointId, cancellationToken);
        var delivery = endpoint is null
            ? null
            : await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == request.DeliveryId && d.EndpointId == request.EndpointId, cancellationToken);
        if (endpoint is null || delivery is null)
        {
            return Error.NotFound("webhook delivery");
        }

        if (!endpoint.Enabled)
        {
            return Error.Conflict(WebhookCodes.EndpointDisabled, "The endpoint is disabled; enable it first.");
        }

        delivery.Redeliver(clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return WebhookDeliveryDto.From(delivery);
    }
}
