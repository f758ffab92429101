using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Webhooks.GetWebhookEndpoint;

/// <summary>One endpoint of the current tenant, without its secret.</summary>
public sealed record GetWebhookEndpointQuery(Guid Id) : IQuery<Result<WebhookEndpointDto>>;

internal sealed class GetWebhookEndpointHandler(IAppDbContext db, IClock clock) : IQueryHandler<GetWebhookEndpointQuery, Result<WebhookEndpointDto>>
{
    public async ValueTask<Result<WebhookEndpointDto>> Handle(GetWebhookEndpointQuery request, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken);
        return endpoint is null ? Error.NotFound("webhook endpoint") : WebhookEndpointDto.From(endpoint, clock.UtcNow);
    }
}
