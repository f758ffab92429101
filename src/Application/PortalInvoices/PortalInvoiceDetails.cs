using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalInvoices;

/// <summary>
/// Everything a customer sees of one invoice, once the caller decided they may see it: a signed-in user through
/// invoice visibility, or the holder of a payment link for that invoice.
/// </summary>
internal static class PortalInvoiceDetails
{
    public static async Task<PortalInvoiceDto> BuildAsync(
        IAppDbContext db, Invoice invoice, string billToName, PortalContext context, bool accountConnected, CancellationToken cancellationToken)
    {
        var job = invoice.JobId is { } jobId
            ? await db.Set<Job>().AsNoTracking().Where(j => j.Id == jobId).Select(j => new InvoiceJobDto(j.Id, j.Number, j.Summary)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var location = invoice.LocationId is { } locationId
            ? await db.Set<Location>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == locationId, cancellationToken)
            : null;

        var settings = context.Settings;
        var zone = context.Zone;
        var currency = invoice.Currency;
        MoneyDocument Money(long amount) => new(amount, currency);
        var partial = settings.Features.PartialPayments;
        var now = PayableNow.Of(settings, accountConnected, invoice.Balance, invoice.PaymentHold, currency);
        var payment = new InvoicePaymentOptionsDto(
            now.Status.IsPayable, now.Status.Reason, partial,
            partial && Payable.HasBalanceDue(invoice.Balance - now.AmountPending.Amount) ? Money(Payable.MinimumAmount(invoice.Balance - now.AmountPending.Amount)) : null);

        return new PortalInvoiceDto(
            invoice.Id, invoice.Number, PortalInvoiceStatus.Of(invoice.Balance), invoice.IssueDate, invoice.DueDate,
            new InvoiceBillToDto(invoice.BillToId, billToName), invoice.Summary,
            invoice.Lines.Select(l => LineDocument.From(l, currency)).ToList(),
            Money(invoice.Subtotal), Money(invoice.Tax), Money(invoice.Total), Money(invoice.Total - invoice.Balance), Money(invoice.Balance),
            now.AmountPending, now.PayableAmount,
            invoice.Payments.OrderBy(p => p.PaidAt).Select(p => new PortalPaymentDto(Money(p.Amount), p.PaidAt.In(zone), p.Method, p.Reference)).ToList(),
            job,
            location is null ? null : new InvoiceLocationDto(location.Id, location.Name, AddressDocument.From(location.Address)!),
            payment);
    }
}
