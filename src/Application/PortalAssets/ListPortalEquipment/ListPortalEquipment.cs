using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets.ListPortalEquipment;

/// <summary>Lists equipment at the locations of every customer the user can access, in id order.</summary>
/// <param name="LocationId">Only equipment at this location.</param>
/// <param name="Type">Only this type, such as "Furnace" (ignoring letter case).</param>
/// <param name="Serial">Serials that start with this, ignoring letter case, spaces and punctuation.</param>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPortalEquipmentQuery(Guid? LocationId, string? Type, string? Serial, int? Limit, string? After)
    : IQuery<CursorPage<PortalEquipmentDto>>, IPageRequest;

internal sealed class ListPortalEquipmentHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<ListPortalEquipmentQuery, CursorPage<PortalEquipmentDto>>
{
    public async ValueTask<CursorPage<PortalEquipmentDto>> Handle(ListPortalEquipmentQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var locations = db.Set<Location>().AsNoTracking().Where(l => customerIds.Contains(l.CustomerId));
        if (request.LocationId is { } locationId)
        {
            locations = locations.Where(l => l.Id == locationId);
        }

        var query =
            from e in db.Set<Equipment>().AsNoTracking()
            join l in locations on e.LocationId equals l.Id
            select new
            {
                e.Id, l.CustomerId, LocationId = l.Id, LocationName = l.Name, e.Type, e.Manufacturer, e.Model, e.Serial, e.SerialKey, e.InstalledOn,
                e.ManufacturerWarranty, e.ServiceWarranty,
            };

        if (!string.IsNullOrWhiteSpace(request.Type))
        {
            var type = request.Type.Trim().ToUpperInvariant();
            query = query.Where(e => e.Type.ToUpper() == type);
        }

        if (SerialSearch.Key(request.Serial) is { } prefix)
        {
            // A prefix as a range on the key: [prefix, upper bound), which an index on the key answers.
            query = query.Where(e => string.Compare(e.SerialKey, prefix) >= 0);
            if (SerialSearch.UpperBound(prefix) is { } upper)
            {
                query = query.Where(e => string.Compare(e.SerialKey, upper) < 0);
            }
        }

        return await query.ToCursorPageAsync(request, e => e.Id,
            e => new PortalEquipmentDto(e.Id, e.CustomerId, new PortalLocationRef(e.LocationId, e.LocationName), e.Type, e.Manufacturer, e.Model, e.Serial, e.InstalledOn,
                PortalWarranty.From(e.ManufacturerWarranty), PortalWarranty.From(e.ServiceWarranty)),
            cancellationToken,
            boundAsRowFilter: true);
    }
}
