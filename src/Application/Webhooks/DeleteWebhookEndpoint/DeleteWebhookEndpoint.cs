using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.DeleteWebhookEndpoint;

/// <summary>Deletes an endpoint with its delivery log; deliveries not yet made are dropped.</summary>
public sealed record DeleteWebhookEndpointCommand(Guid Id) : ITransactionalCommand<Result<bool>>;

internal sealed class DeleteWebhookEndpointHandler(IAppDbContext db, IAuditLog audit) : ICommandHandler<DeleteWebhookEndpointCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(DeleteWebhookEndpointCommand request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken);
        if (endpoint is null)
        {
            return Error.NotFound("webhook endpoint");
        }

        db.Set<WebhookDelivery>().RemoveRange(await db.Set<WebhookDelivery>().Where(d => d.EndpointId == endpoint.Id).ToListAsync(cancellationToken));
        db.Set<WebhookEndpoint>().Remove(endpoint);
        audit.Record(endpoint.TenantId, "webhook_endpoint.deleted", $"webhook-endpoint:{endpoint.Id}", new { endpoint.Url, endpoint.EventTypes }, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
