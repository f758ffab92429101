using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Persistence;
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
    // Compiled queries (decision 19, docs/PERFORMANCE.md "Round four"): EF neither walks nor looks up their expression trees per run.
    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<Invoice?>>> InvoiceById = new(() => EF.CompileAsyncQuery(
        (DbContext db, Guid id, CancellationToken ct) => db.Set<Invoice>().AsNoTracking().SingleOrDefault(i => i.Id == id)));

    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<InvoiceJobDto?>>> JobOf = new(() => EF.CompileAsyncQuery(
        (DbContext db, Guid id, CancellationToken ct) => db.Set<Job>().AsNoTracking().Where(j => j.Id == id).Select(j => new InvoiceJobDto(j.Id, j.Number, j.Summary)).SingleOrDefault()));

    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<Location?>>> LocationById = new(() => EF.CompileAsyncQuery(
        (DbContext db, Guid id, CancellationToken ct) => db.Set<Location>().AsNoTracking().SingleOrDefault(l => l.Id == id)));

    /// <summary>The invoice with this id in the current tenant, lines and payments included; null when there is none.</summary>
    public static Task<Invoice?> FindAsync(IAppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var (invoiceById, context) = InvoiceById.For(db);
        return invoiceById(context, id, cancellationToken);
    }

    public static async Task<PortalInvoiceDto> BuildAsync(
        IAppDbContext db, Invoice invoice, string billToName, PortalContext context, bool accountConnected, CancellationToken cancellationToken)
    {
        InvoiceJobDto? job = null;
        if (invoice.JobId is { } jobId)
        {
            var (jobOf, dbContext) = JobOf.For(db);
            job = await jobOf(dbContext, jobId, cancellationToken);
        }

        Location? location = null;
        if (invoice.LocationId is { } locationId)
        {
            var (locationById, dbContext) = LocationById.For(db);
            location = await locationById(dbContext, locationId, cancellationToken);
        }

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
