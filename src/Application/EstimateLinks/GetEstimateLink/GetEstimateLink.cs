using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Billing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EstimateLinks.GetEstimateLink;

/// <summary>One estimate link of the tenant, without its token.</summary>
/// <param name="Id">The link's id.</param>
public sealed record GetEstimateLinkQuery(Guid Id) : IQuery<Result<EstimateLinkDto>>;

internal sealed class GetEstimateLinkHandler(IAppDbContext db, IClock clock) : IQueryHandler<GetEstimateLinkQuery, Result<EstimateLinkDto>>
{
    public async ValueTask<Result<EstimateLinkDto>> Handle(GetEstimateLinkQuery request, CancellationToken cancellationToken)
    {
        var link = await db.Set<EstimateLink>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.Id, cancellationToken);
        return link is null ? Error.NotFound("estimate link") : EstimateLinkDto.From(link, clock.UtcNow);
    }
}
