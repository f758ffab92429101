using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets.ListPortalMemberships;

/// <summary>Lists the memberships of every customer the user can access, in every status, in id order.</summary>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPortalMembershipsQuery(int? Limit, string? After) : IQuery<CursorPage<PortalMembershipDto>>, IPageRequest;

internal sealed class ListPortalMembershipsHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<ListPortalMembershipsQuery, CursorPage<PortalMembershipDto>>
{
    public async ValueTask<CursorPage<PortalMembershipDto>> Handle(ListPortalMembershipsQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var query = db.Set<Membership>().AsNoTracking()
            .Where(m => customerIds.Contains(m.CustomerId))
            .Select(m => new { m.Id, m.CustomerId, m.Type, m.Status, m.StartDate, m.EndDate });
        return await query.ToCursorPageAsync(request, m => m.Id,
            m => new PortalMembershipDto(m.Id, m.CustomerId, m.Type, m.Status, m.StartDate, m.EndDate), cancellationToken, boundAsRowFilter: true);
    }
}
