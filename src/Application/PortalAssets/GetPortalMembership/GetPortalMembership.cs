using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets.GetPortalMembership;

/// <summary>One membership with its visits, covered equipment and, with billing access, its invoices.</summary>
/// <param name="Id">The membership's id.</param>
public sealed record GetPortalMembershipQuery(Guid Id) : IQuery<Result<PortalMembershipDetailDto>>;

internal sealed class GetPortalMembershipHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalMembershipQuery, Result<PortalMembershipDetailDto>>
{
    public async ValueTask<Result<PortalMembershipDetailDto>> Handle(GetPortalMembershipQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var membership = await db.Set<Membership>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == request.Id && customerIds.Contains(m.CustomerId), cancellationToken);
        if (membership is null)
        {
            return Error.NotFound("membership");
        }

        var settings = await viewer.SettingsAsync(cancellationToken);
        var (visits, equipment, invoices) = await PortalAssetQueries.PlanDetailsAsync(db, viewer, settings, membership, cancellationToken);
        return new PortalMembershipDetailDto(membership.Id, membership.CustomerId, membership.Type, membership.Status, membership.StartDate, membership.EndDate,
            visits, equipment, invoices);
    }
}
