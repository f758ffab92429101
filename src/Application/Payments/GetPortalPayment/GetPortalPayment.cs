using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.GetPortalPayment;

/// <summary>One of my payments (a customer's with billing access); any other id is not found.</summary>
public sealed record GetPortalPaymentQuery(Guid Id) : IQuery<Result<PortalPaymentDetailDto>>;

internal sealed class GetPortalPaymentHandler(IAppDbContext db, PortalViewer viewer) : IQueryHandler<GetPortalPaymentQuery, Result<PortalPaymentDetailDto>>
{
    public async ValueTask<Result<PortalPaymentDetailDto>> Handle(GetPortalPaymentQuery request, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken);
        if (payment is null || await viewer.AccessToAsync(payment.CustomerId, cancellationToken) is not { } level
            || !BillingAccess.CanSee(level, CustomerRecordKind.Payment))
        {
            return Error.NotFound("payment");
        }

        var name = (await viewer.CustomersAsync(cancellationToken)).First(c => c.Id == payment.CustomerId).Name;
        return PortalPaymentViews.Detail(payment, name, await TenantTime.ZoneAsync(db, payment.TenantId, cancellationToken));
    }
}
