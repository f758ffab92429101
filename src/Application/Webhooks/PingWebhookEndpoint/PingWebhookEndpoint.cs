using System.Text.Json;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.PingWebhookEndpoint;

/// <summary>Queues a test event (webhook.ping) to an enabled endpoint, signed and retried like any other; its delivery shows in the log.</summary>
public sealed record PingWebhookEndpointCommand(Guid Id) : ITransactionalCommand<Result<WebhookDeliveryDto>>;

internal sealed class PingWebhookEndpointHandler(IAppDbContext db, IClock clock, IWebhookSignal signal) : ICommandHandler<PingWebhookEndpointCommand, Result<WebhookDeliveryDto>>
{
    public async ValueTask<Result<WebhookDeliveryDto>> Handle(PingWebhookEndpointCommand request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken);
        if (endpoint is null)
        {
            return Error.NotFound("webhook endpoint");
        }

        if (!endpoint.Enabled)
        {
            return Error.Conflict(WebhookCodes.EndpointDisabled, "The endpoint is disabled; enable it first.");
        }

        var now = clock.UtcNow;
        var eventId = UuidV7.NewGuid();
        var data = JsonSerializer.Serialize(new { endpointId = endpoint.Id });
        var delivery = WebhookDelivery.For(endpoint.TenantId, endpoint.Id, eventId, WebhookEventTypes.Ping, WebhookBody.Create(eventId, WebhookEventTypes.Ping, now, endpoint.TenantId, data), now);
        db.Set<WebhookDelivery>().Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return WebhookDeliveryDto.From(delivery);
    }
}
