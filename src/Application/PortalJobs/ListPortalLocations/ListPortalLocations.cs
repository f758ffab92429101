using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalJobs.ListPortalLocations;

/// <summary>The service locations of the signed-in user's customers.</summary>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPortalLocationsQuery(int? Limit, string? After) : IQuery<CursorPage<PortalLocationDto>>, IPageRequest;

internal sealed class ListPortalLocationsHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<ListPortalLocationsQuery, CursorPage<PortalLocationDto>>
{
    public async ValueTask<CursorPage<PortalLocationDto>> Handle(ListPortalLocationsQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        return await db.Set<Location>().AsNoTracking().Where(l => customerIds.Contains(l.CustomerId))
            .ToCursorPageAsync(request, l => l.Id, l => new PortalLocationDto(l.Id, l.Name, AddressDocument.From(l.Address)!, l.CustomerId), cancellationToken, boundAsRowFilter: true);
    }
}
