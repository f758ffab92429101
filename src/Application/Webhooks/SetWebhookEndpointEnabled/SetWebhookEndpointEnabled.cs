using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.SetWebhookEndpointEnabled;

/// <summary>
/// Disables an endpoint (nothing is delivered to it, and events raised meanwhile are not queued for it) or enables it
/// again (its failure record starts afresh). Doing what is already so changes nothing.
/// </summary>
public sealed record SetWebhookEndpointEnabledCommand(Guid Id, bool Enabled) : ITransactionalCommand<Result<WebhookEndpointDto>>;

internal sealed class SetWebhookEndpointEnabledHandler(IAppDbContext db, IClock clock, IAuditLog audit)
    : ICommandHandler<SetWebhookEndpointEnabledCommand, Result<WebhookEndpointDto>>
{
    public async ValueTask<Result<WebhookEndpointDto>> Handle(SetWebhookEndpointEnabledCommand request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken);
        if (endpoint is null)
        {
            return Error.NotFound("webhook endpoint");
        }

        var now = clock.UtcNow;
        if (endpoint.Enabled != request.Enabled)
        {
            if (request.Enabled)
            {
                endpoint.Enable(now);
            }
            else
            {
                endpoint.Disable(WebhookEndpoint.DisabledByAdminReason, now);
            }

            audit.Record(endpoint.TenantId, request.Enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled", $"webhook-endpoint:{endpoint.Id}", null, null);
            await db.SaveChangesAsync(cancellationToken);
        }

        return WebhookEndpointDto.From(endpoint, now);
    }
}
