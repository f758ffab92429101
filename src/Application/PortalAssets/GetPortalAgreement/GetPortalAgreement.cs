using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets.GetPortalAgreement;

/// <summary>One service agreement with its visits, covered equipment and, with billing access, its invoices.</summary>
/// <param name="Id">The agreement's id.</param>
public sealed record GetPortalAgreementQuery(Guid Id) : IQuery<Result<PortalAgreementDetailDto>>;

internal sealed class GetPortalAgreementHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalAgreementQuery, Result<PortalAgreementDetailDto>>
{
    public async ValueTask<Result<PortalAgreementDetailDto>> Handle(GetPortalAgreementQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var agreement = await db.Set<Agreement>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == request.Id && customerIds.Contains(a.CustomerId), cancellationToken);
        var settings = await viewer.SettingsAsync(cancellationToken);
        if (agreement is null || !AgreementVisibility.IsVisible(agreement.Status, settings.VisibleAgreementStatuses.ToList()))
        {
            return Error.NotFound("agreement");
        }

        var (visits, equipment, invoices) = await PortalAssetQueries.PlanDetailsAsync(db, viewer, settings, agreement, cancellationToken);
        return new PortalAgreementDetailDto(agreement.Id, agreement.CustomerId, agreement.Name, agreement.Status, agreement.StartDate, agreement.EndDate,
            visits, equipment, invoices);
    }
}
