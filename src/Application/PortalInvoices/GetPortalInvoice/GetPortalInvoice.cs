using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;

namespace HeadlessPortal.Application.PortalInvoices.GetPortalInvoice;

/// <summary>One invoice the signed-in user may see; any other id (unknown, another customer's, hidden, or any while invoice &amp; payment is off) is not found.</summary>
public sealed record GetPortalInvoiceQuery(string Id) : IQuery<Result<PortalInvoiceDto>>;

internal sealed class GetPortalInvoiceHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalInvoiceQuery, Result<PortalInvoiceDto>>
{
    public async ValueTask<Result<PortalInvoiceDto>> Handle(GetPortalInvoiceQuery request, CancellationToken cancellationToken)
    {
        var invoice = Guid.TryParse(request.Id, out var id)
            ? await PortalInvoiceDetails.FindAsync(db, id, cancellationToken)
            : null;
        if (invoice is null)
        {
            return Error.NotFound("invoice");
        }

        var access = await viewer.AccessToAsync(invoice.BillToId, cancellationToken);
        var settings = await viewer.SettingsAsync(cancellationToken);
        if (!InvoiceVisibility.IsShown(settings.Features, access, invoice.EverHadBalance, invoice.BusinessUnitExternalId, settings.VisibleBusinessUnitIds))
        {
            return Error.NotFound("invoice");
        }

        var billToName = (await viewer.CustomersAsync(cancellationToken)).First(c => c.Id == invoice.BillToId).Name;
        return await PortalInvoiceDetails.BuildAsync(db, invoice, billToName, await viewer.ContextAsync(cancellationToken), await viewer.PaymentAccountConnectedAsync(cancellationToken), cancellationToken);
    }
}
