using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PaymentLinks;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Payments.GetLinkPayment;

/// <summary>A payment made through a payment link, for its holder to follow (after 3-D Secure, while a bank debit processes).</summary>
public sealed record GetLinkPaymentQuery(string Token, Guid PaymentId) : IQuery<Result<PaymentResultDto>>;

internal sealed class GetLinkPaymentHandler(IAppDbContext db, PaymentLinkResolver links, IClock clock) : IQueryHandler<GetLinkPaymentQuery, Result<PaymentResultDto>>
{
    public async ValueTask<Result<PaymentResultDto>> Handle(GetLinkPaymentQuery request, CancellationToken cancellationToken)
    {
        var resolved = await links.ResolveAsync(db, request.Token, clock.UtcNow, cancellationToken);
        var payment = resolved is null
            ? null
            : await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId && p.PaymentLinkId == resolved.Link.Id, cancellationToken);
        return payment is null ? Error.NotFound("payment") : PaymentResultDto.From(payment);
    }
}
