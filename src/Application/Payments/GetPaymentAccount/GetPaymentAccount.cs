using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.GetPaymentAccount;

/// <summary>Reads the tenant's payment account.</summary>
public sealed record GetPaymentAccountQuery : IQuery<PaymentAccountDto>;

internal sealed class GetPaymentAccountHandler(IAppDbContext db) : IQueryHandler<GetPaymentAccountQuery, PaymentAccountDto>
{
    public async ValueTask<PaymentAccountDto> Handle(GetPaymentAccountQuery request, CancellationToken cancellationToken) =>
        PaymentAccountDto.From(await db.Set<PaymentAccount>().AsNoTracking().SingleOrDefaultAsync(cancellationToken));
}
