using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.UpdateWebhookEndpoint;

/// <summary>Changes an endpoint's URL, event types and description; deliveries already queued go to the new URL.</summary>
public sealed record UpdateWebhookEndpointCommand(Guid Id, WebhookEndpointRequest Body) : ITransactionalCommand<Result<WebhookEndpointDto>>;

internal sealed class UpdateWebhookEndpointHandler(IAppDbContext db, IWebhookTargetPolicy policy, IClock clock, IAuditLog audit)
    : ICommandHandler<UpdateWebhookEndpointCommand, Result<WebhookEndpointDto>>
{
    public async ValueTask<Result<WebhookEndpointDto>> Handle(UpdateWebhookEndpointCommand request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken);
        if (endpoint is null)
        {
            return Error.NotFound("webhook endpoint");
        }

        var body = request.Body;
        if (await WebhookEndpointRules.CheckUrlAsync(policy, body.Url!, cancellationToken) is { } problem)
        {
            return problem;
        }

        var before = new { endpoint.Url, EventTypes = endpoint.EventTypes.ToList(), endpoint.Description };
        var now = clock.UtcNow;
        endpoint.Change(body.Url!, body.EventTypes!, body.Description, now);
        audit.Record(endpoint.TenantId, "webhook_endpoint.updated", $"webhook-endpoint:{endpoint.Id}", before, new { endpoint.Url, endpoint.EventTypes, endpoint.Description });
        await db.SaveChangesAsync(cancellationToken);
        return WebhookEndpointDto.From(endpoint, now);
    }
}
