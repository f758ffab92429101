using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.GetPayment;

/// <summary>One online payment of the tenant.</summary>
/// <param name="Id">The payment's id.</param>
public sealed record GetPaymentQuery(Guid Id) : IQuery<Result<AdminPaymentDto>>;

internal sealed class GetPaymentHandler(IAppDbContext db) : IQueryHandler<GetPaymentQuery, Result<AdminPaymentDto>>
{
    public async ValueTask<Result<AdminPaymentDto>> Handle(GetPaymentQuery request, CancellationToken cancellationToken)
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
