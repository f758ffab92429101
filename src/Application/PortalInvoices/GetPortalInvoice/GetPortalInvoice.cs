using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalInvoices.GetPortalInvoice;

/// <summary>One invoice the signed-in user may see; any other id (unknown, another customer's, hidden) is not found.</summary>
public sealed record GetPortalInvoiceQuery(string Id) : IQuery<Result<PortalInvoiceDto>>;

internal sealed class GetPortalInvoiceHandler(IAppDbContext db, PortalViewer viewer, ICurrentTenant tenant, IClock clock)
    : IRequestHandler<GetPortalInvoiceQuery, Result<PortalInvoiceDto>>
{
    public async Task<Result<PortalInvoiceDto>> Handle(GetPortalInvoiceQuery request, CancellationToken cancellationToken)
    {
        var invoice = Guid.TryParse(request.Id, out var id)
            ? await db.Set<Invoice>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        if (invoice is null)
        {
            return Error.NotFound("invoice");
        }

        var access = await viewer.AccessToAsync(invoice.BillToId, cancellationToken);
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        if (!InvoiceVisibility.IsVisible(access, invoice.EverHadBalance, invoice.BusinessUnitExternalId, settings.VisibleBusinessUnitIds))
        {
            return Error.NotFound("invoice");
        }

        var billToName = (await viewer.CustomersAsync(cancellationToken)).First(c => c.Id == invoice.BillToId).Name;
        var job = invoice.JobId is { } jobId
            ? await db.Set<Job>().AsNoTracking().Where(j => j.Id == jobId).Select(j => new InvoiceJobDto(j.Id, j.Number, j.Summary)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var location = invoice.LocationId is { } locationId
            ? await db.Set<Location>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == locationId, cancellationToken)
            : null;

        var currency = invoice.Currency;
        MoneyDocument Money(long amount) => new(amount, currency);
        var partial = settings.Features.PartialPayments;
        var payable = Payable.Check(settings.OnlinePaymentsEnabled, await PaymentAccounts.IsConnectedAsync(db, cancellationToken), settings.Features, invoice.Balance, invoice.PaymentHold);
        var payment = new InvoicePaymentOptionsDto(
            payable.IsPayable, payable.Reason, partial,
            partial && Payable.HasBalanceDue(invoice.Balance) ? Money(Payable.MinimumAmount(invoice.Balance)) : null);

        return new PortalInvoiceDto(
            invoice.Id, invoice.Number, PortalInvoiceStatus.Of(invoice.Balance), invoice.IssueDate, invoice.DueDate,
            new InvoiceBillToDto(invoice.BillToId, billToName), invoice.Summary,
            invoice.Lines.Select(l => LineDocument.From(l, currency)).ToList(),
            Money(invoice.Subtotal), Money(invoice.Tax), Money(invoice.Total), Money(invoice.Total - invoice.Balance), Money(invoice.Balance),
            invoice.Payments.OrderBy(p => p.PaidAt).Select(p => new PortalPaymentDto(Money(p.Amount), p.PaidAt, p.Method, p.Reference)).ToList(),
            job,
            location is null ? null : new InvoiceLocationDto(location.Id, location.Name, AddressDocument.From(location.Address)!),
            payment);
    }
}
