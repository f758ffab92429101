using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PaymentLinks.ViewPaymentLink;

/// <summary>What the holder of a payment link sees: the one invoice, who sent it, and until when the link works.</summary>
/// <param name="Invoice">The invoice, as a signed-in customer sees it, with whether it can be paid now.</param>
/// <param name="Company">The company that sent it.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="Stripe">For Stripe.js: loadStripe(publishableKey, { stripeAccount: accountId }); null while the company has no connected Stripe account.</param>
public sealed record PaymentLinkViewDto(PortalInvoiceDto Invoice, DirectLinkCompanyDto Company, DateTimeOffset ExpiresAt, StripeClientDto? Stripe);

/// <summary>Opens a payment link: the invoice it grants, in the tenant of the publishable key. Records the visit.</summary>
/// <param name="Token">The token= value of the link.</param>
public sealed record ViewPaymentLinkQuery(string Token) : ISelfTransactedCommand<Result<PaymentLinkViewDto>>;

internal sealed class ViewPaymentLinkHandler(IAppDbContext db, PaymentLinkResolver links, ICurrentTenant tenant, IClock clock, IOptions<PaymentOptions> options)
    : ICommandHandler<ViewPaymentLinkQuery, Result<PaymentLinkViewDto>>
{
    public async ValueTask<Result<PaymentLinkViewDto>> Handle(ViewPaymentLinkQuery request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var resolved = await links.ResolveAsync(db, request.Token, now, cancellationToken);
        if (resolved is null)
        {
            return Error.NotFound("payment link");
        }

        var (link, invoice) = resolved;

        // One statement, outside any transaction: a visit is worth recording, not worth holding the write lock for.
        await db.Set<PaymentLink>().Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastViewedAt, now), cancellationToken);

        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        var billToName = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => c.Id == invoice.BillToId).Select(c => c.Name).SingleAsync(cancellationToken);
        return new PaymentLinkViewDto(
            await PortalInvoiceDetails.BuildAsync(db, invoice, billToName, context, await PaymentAccounts.IsConnectedAsync(db, cancellationToken), cancellationToken),
            DirectLinkCompanyDto.From(context),
            link.ExpiresAt.In(context.Zone),
            await PaymentAccounts.AccountIdAsync(db, cancellationToken) is { } accountId ? new StripeClientDto(options.Value.StripePublishableKey, accountId) : null);
    }
}
