using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets.ListPortalAgreements;

/// <summary>Lists the service agreements of every customer the user can access, in statuses the company shows, in id order.</summary>
/// <param name="Limit">Page size, 1-100.</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListPortalAgreementsQuery(int? Limit, string? After) : IQuery<CursorPage<PortalAgreementDto>>, IPageRequest;

internal sealed class ListPortalAgreementsHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<ListPortalAgreementsQuery, CursorPage<PortalAgreementDto>>
{
    public async ValueTask<CursorPage<PortalAgreementDto>> Handle(ListPortalAgreementsQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var settings = await viewer.SettingsAsync(cancellationToken);

        // AgreementVisibility as SQL: the statuses the tenant listed.
        var visibleStatuses = settings.VisibleAgreementStatuses.ToList();
        var query = db.Set<Agreement>().AsNoTracking()
            .Where(a => customerIds.Contains(a.CustomerId) && visibleStatuses.Contains(a.Status))
            .Select(a => new { a.Id, a.CustomerId, a.Name, a.Status, a.StartDate, a.EndDate });
        return await query.ToCursorPageAsync(request, a => a.Id,
            a => new PortalAgreementDto(a.Id, a.CustomerId, a.Name, a.Status, a.StartDate, a.EndDate), cancellationToken, boundAsRowFilter: true);
    }
}
