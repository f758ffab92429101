using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Payments.ListPayments;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.GetPayment;

/// <summary>One online payment of the tenant.</summary>
/// <param name="Id">The payment's id.</param>
public sealed record GetAdminPaymentQuery(Guid Id) : IQuery<Result<AdminPaymentDto>>;

internal sealed class GetAdminPaymentHandler(IAppDbContext db) : IQueryHandler<GetAdminPaymentQuery, Result<AdminPaymentDto>>
{
    public async ValueTask<Result<AdminPaymentDto>> Handle(GetAdminPaymentQuery request, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken);
        if (payment is null)
        {
            return Error.NotFound("payment");
        }

        var customers = await AdminPayments.CustomersAsync(db, [payment.CustomerId], cancellationToken);
        return AdminPaymentDto.From(payment, customers[payment.CustomerId]);
    }
}
