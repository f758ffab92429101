using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PaymentLinks.RevokePaymentLink;

/// <summary>Revokes a payment link: it stops working at once. Revoking it again answers the same and changes nothing.</summary>
/// <param name="Id">The link's id.</param>
public sealed record RevokePaymentLinkCommand(Guid Id) : ITransactionalCommand<Result<PaymentLinkDto>>;

internal sealed class RevokePaymentLinkHandler(IAppDbContext db, IClock clock, IAuditLog audit) : ICommandHandler<RevokePaymentLinkCommand, Result<PaymentLinkDto>>
{
    public async ValueTask<Result<PaymentLinkDto>> Handle(RevokePaymentLinkCommand request, CancellationToken cancellationToken)
    {
        var link = await db.Set<PaymentLink>().SingleOrDefaultAsync(l => l.Id == request.Id, cancellationToken);
        if (link is null)
        {
            return Error.NotFound("payment link");
        }

        var now = clock.UtcNow;
        var before = PaymentLinkDto.From(link, now);
        if (link.Revoke(now))
        {
            audit.Record(link.TenantId, "payment_link.revoked", $"invoice:{link.InvoiceExternalId}", new { before.Id, before.Status }, new { link.Id, link.RevokedAt });
            await db.SaveChangesAsync(cancellationToken);
        }

        return PaymentLinkDto.From(link, now);
    }
}
