using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;

namespace HeadlessPortal.Application.Webhooks.CreateWebhookEndpoint;

/// <summary>Registers an endpoint of the current tenant; the answer carries its signing secret, once.</summary>
public sealed record CreateWebhookEndpointCommand(WebhookEndpointRequest Body) : ITransactionalCommand<Result<WebhookEndpointWithSecretDto>>;

internal sealed class CreateWebhookEndpointHandler(IAppDbContext db, ICurrentTenant tenant, IWebhookSecrets secrets, IWebhookTargetPolicy policy, IClock clock, IAuditLog audit)
    : ICommandHandler<CreateWebhookEndpointCommand, Result<WebhookEndpointWithSecretDto>>
{
    public async ValueTask<Result<WebhookEndpointWithSecretDto>> Handle(CreateWebhookEndpointCommand request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        if (await WebhookEndpointRules.CheckUrlAsync(policy, body.Url!, cancellationToken) is { } problem)
        {
            return problem;
        }

        var secret = secrets.NewSecret();
        var now = clock.UtcNow;
        var endpoint = WebhookEndpoint.Create(tenant.Required(), body.Url!, body.EventTypes!, body.Description, secrets.Protect(secret), now);
        db.Set<WebhookEndpoint>().Add(endpoint);
        audit.Record(endpoint.TenantId, "webhook_endpoint.created", $"webhook-endpoint:{endpoint.Id}", null, new { endpoint.Url, endpoint.EventTypes, endpoint.Description });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookEndpointWithSecretDto(WebhookEndpointDto.From(endpoint, now), secret);
    }
}
