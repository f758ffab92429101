using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PaymentLinks.ViewPaymentLink;

/// <summary>The company behind a payment link, as the customer should recognise it.</summary>
/// <param name="DisplayName">The company's name (the portal's effective display name).</param>
/// <param name="LogoUrl">Its logo, if any.</param>
/// <param name="PrimaryColor">Its brand color, #RRGGBB, if any.</param>
/// <param name="Phone">Where to call with questions, if the company gave a phone number.</param>
/// <param name="Email">Where to write with questions, if the company gave an email address.</param>
public sealed record PaymentLinkCompanyDto(string DisplayName, string? LogoUrl, string? PrimaryColor, string? Phone, string? Email);

/// <summary>What the holder of a payment link sees: the one invoice, who sent it, and until when the link works.</summary>
/// <param name="Invoice">The invoice, as a signed-in customer sees it, with whether it can be paid now.</param>
/// <param name="Company">The company that sent it.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record PaymentLinkViewDto(PortalInvoiceDto Invoice, PaymentLinkCompanyDto Company, DateTimeOffset ExpiresAt);

/// <summary>Opens a payment link: the invoice it grants, in the tenant of the publishable key. Records the visit.</summary>
/// <param name="Token">The token= value of the link.</param>
public sealed record ViewPaymentLinkQuery(string Token) : ISelfTransactedCommand<Result<PaymentLinkViewDto>>;

internal sealed class ViewPaymentLinkHandler(IAppDbContext db, PaymentLinkResolver links, ICurrentTenant tenant, IClock clock)
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
        var branding = context.Settings.Branding.ResolveWith(context.Account);
        return new PaymentLinkViewDto(
            await PortalInvoiceDetails.BuildAsync(db, invoice, billToName, context.Settings, cancellationToken),
            new PaymentLinkCompanyDto(branding.DisplayName, branding.LogoUrl, branding.PrimaryColor, context.Account.Phone, context.Account.Email),
            link.ExpiresAt.In(context.Zone));
    }
}
