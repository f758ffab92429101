using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.RotateWebhookSecret;

/// <summary>
/// Gives an endpoint a new signing secret, answered once. For 24 hours the previous secret signs too (two v1= values in
/// Portal-Signature), so the receiver can switch to the new one without refusing an event; a secret older than that
/// stops signing at once.
/// </summary>
public sealed record RotateWebhookSecretCommand(Guid Id) : ITransactionalCommand<Result<WebhookEndpointWithSecretDto>>;

internal sealed class RotateWebhookSecretHandler(IAppDbContext db, IWebhookSecrets secrets, IClock clock, IAuditLog audit)
    : ICommandHandler<RotateWebhookSecretCommand, Result<WebhookEndpointWithSecretDto>>
{
    public async ValueTask<Result<WebhookEndpointWithSecretDto>> Handle(RotateWebhookSecretCommand request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken);
        if (endpoint is null)
        {
            return Error.NotFound("webhook endpoint");
        }

        var secret = secrets.NewSecret();
        var now = clock.UtcNow;
        endpoint.RotateSecret(secrets.Protect(secret), now);
        audit.Record(endpoint.TenantId, "webhook_endpoint.secret_rotated", $"webhook-endpoint:{endpoint.Id}", null, new { endpoint.PreviousSecretExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookEndpointWithSecretDto(WebhookEndpointDto.From(endpoint, now), secret);
    }
}
