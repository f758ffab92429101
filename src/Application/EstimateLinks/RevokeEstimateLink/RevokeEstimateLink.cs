using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Billing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EstimateLinks.RevokeEstimateLink;

/// <summary>Revokes an estimate link: it stops working at once. Revoking it again answers the same and changes nothing.</summary>
/// <param name="Id">The link's id.</param>
public sealed record RevokeEstimateLinkCommand(Guid Id) : ITransactionalCommand<Result<EstimateLinkDto>>;

internal sealed class RevokeEstimateLinkHandler(IAppDbContext db, IClock clock, IAuditLog audit) : ICommandHandler<RevokeEstimateLinkCommand, Result<EstimateLinkDto>>
{
    public async ValueTask<Result<EstimateLinkDto>> Handle(RevokeEstimateLinkCommand request, CancellationToken cancellationToken)
    {
        var link = await db.Set<EstimateLink>().SingleOrDefaultAsync(l => l.Id == request.Id, cancellationToken);
        if (link is null)
        {
            return Error.NotFound("estimate link");
        }

        var now = clock.UtcNow;
        var before = EstimateLinkDto.From(link, now);
        if (link.Revoke(now))
        {
            audit.Record(link.TenantId, "estimate_link.revoked", $"customer:{link.CustomerExternalId}", new { before.Id, before.Status }, new { link.Id, link.RevokedAt });
            await db.SaveChangesAsync(cancellationToken);
        }

        return EstimateLinkDto.From(link, now);
    }
}
