using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PaymentLinks.GetPaymentLink;

/// <summary>One payment link of the tenant, without its token.</summary>
/// <param name="Id">The link's id.</param>
public sealed record GetPaymentLinkQuery(Guid Id) : IQuery<Result<PaymentLinkDto>>;

internal sealed class GetPaymentLinkHandler(IAppDbContext db, IClock clock) : IQueryHandler<GetPaymentLinkQuery, Result<PaymentLinkDto>>
{
    public async ValueTask<Result<PaymentLinkDto>> Handle(GetPaymentLinkQuery request, CancellationToken cancellationToken)
    {
        var link = await db.Set<PaymentLink>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.Id, cancellationToken);
        return link is null ? Error.NotFound("payment link") : PaymentLinkDto.From(link, clock.UtcNow);
    }
}
