using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PaymentLinks.CreatePaymentLink;

/// <summary>Makes a payment link for an invoice with a balance due.</summary>
/// <param name="InvoiceExternalId">The invoice's id in the back office.</param>
/// <param name="ExpiresInDays">Days it works; the configured default when not given.</param>
public sealed record CreatePaymentLinkCommand(string InvoiceExternalId, int? ExpiresInDays) : ITransactionalCommand<Result<CreatedPaymentLinkDto>>;

internal sealed class CreatePaymentLinkHandler(IAppDbContext db, PaymentLinkIssuer issuer, IClock clock, ICurrentActor actor, IAuditLog audit, IOptions<PortalOptions> options)
    : ICommandHandler<CreatePaymentLinkCommand, Result<CreatedPaymentLinkDto>>
{
    public async ValueTask<Result<CreatedPaymentLinkDto>> Handle(CreatePaymentLinkCommand request, CancellationToken cancellationToken)
    {
        var invoice = await db.Set<Invoice>().AsNoTracking().SingleOrDefaultAsync(i => i.ExternalId == request.InvoiceExternalId, cancellationToken);
        if (invoice is null)
        {
            return Error.NotFound("invoice");
        }

        if (!Payable.HasBalanceDue(invoice.Balance))
        {
            return Error.Unprocessable(NotPayableReason.NothingDue, $"Invoice {invoice.Number} has no balance due, so there is nothing to pay through a link.");
        }

        var now = clock.UtcNow;
        var days = request.ExpiresInDays ?? options.Value.PaymentLinks.Default;
        var issued = await issuer.IssueAsync(invoice.TenantId, new(invoice.Id, invoice.ExternalId), actor.Id, days, now, sourceMessageId: null, cancellationToken);
        var link = issued.Link;
        audit.Record(invoice.TenantId, "payment_link.created", $"invoice:{invoice.ExternalId}", null, new { link.Id, link.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedPaymentLinkDto(link.Id, link.InvoiceId, link.InvoiceExternalId, issued.Url, issued.Token, link.ExpiresAt, link.CreatedAt);
    }
}
