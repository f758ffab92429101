using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Documents;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalJobs.GetPortalJob;

/// <summary>One job of a customer the signed-in user can access.</summary>
/// <param name="Id">The job's id.</param>
public sealed record GetPortalJobQuery(Guid Id) : IQuery<Result<PortalJobDto>>;

internal sealed class GetPortalJobHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalJobQuery, Result<PortalJobDto>>
{
    public async ValueTask<Result<PortalJobDto>> Handle(GetPortalJobQuery request, CancellationToken cancellationToken)
    {
        var customers = await viewer.CustomersAsync(cancellationToken);
        var customerIds = customers.Select(c => c.Id).ToList();
        var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.Id && customerIds.Contains(j.CustomerId), cancellationToken);
        if (job is null)
        {
            return Error.NotFound("job");
        }

        var context = await viewer.ContextAsync(cancellationToken);
        var appointments = await db.Set<Appointment>().AsNoTracking().Where(a => a.JobId == job.Id).ToListAsync(cancellationToken);
        var tab = PortalJobReader.TabOf(appointments, context.Now);
        if (!JobTabs.IsTabShown(tab, context.Settings.Features))
        {
            // A canceled job is hidden like the canceled tab while the company does not show canceled jobs.
            return Error.NotFound("job");
        }

        var locations = await PortalJobReader.LocationsAsync(db, [job], cancellationToken);
        var jobTypes = await PortalJobReader.JobTypeNamesAsync(db, [job], cancellationToken);
        var technicianIds = appointments.SelectMany(a => a.Technicians).Select(t => t.Id).Distinct().ToList();
        var technicians = await db.Set<Technician>().AsNoTracking().Where(t => technicianIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new PortalTechnician(t.Id, t.DisplayName, t.PhotoUrl), cancellationToken);
        var visits = appointments.OrderBy(a => a.Start).ThenBy(a => a.Id)
            .Select(a => new PortalAppointment(a.Id, a.Status, context.TimeOf(a),
                a.Technicians.Where(t => technicians.ContainsKey(t.Id)).Select(t => technicians[t.Id]).ToList()))
            .ToList();

        var invoice = await db.Set<Invoice>().AsNoTracking().Where(i => i.JobId == job.Id).OrderByDescending(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        var documents = await db.Set<Document>().AsNoTracking().Where(d => d.JobId == job.Id && d.Shared).OrderBy(d => d.Id)
            .Select(d => new PortalJobDocument(d.Id, d.Title, d.Kind, d.FileName, d.ContentType, d.Size, PortalDocumentPaths.Content(d.Id)))
            .ToListAsync(cancellationToken);

        var name = customers.Single(c => c.Id == job.CustomerId).Name;
        return new PortalJobDto(job.Id, job.Number, job.Summary, PortalJobReader.NameOf(jobTypes, job.JobTypeId), locations.GetValueOrDefault(job.LocationId),
            new PortalCustomerRef(job.CustomerId, name), tab, visits, invoice?.Summary, await VisibleInvoiceAsync(invoice, context, cancellationToken),
            documents);
    }

    private static PortalJobInvoice ToDto(Invoice invoice, PortalInvoices.PayableNow payable) =>
        new(invoice.Id, invoice.Number, new MoneyDocument(invoice.Total, invoice.Currency), new MoneyDocument(invoice.Balance, invoice.Currency),
            payable.AmountPending, payable.PayableAmount);

    /// <summary>The invoice object needs billing access to its Bill-To and invoice visibility (PRODUCT.md#billing-access, PRODUCT.md#invoice-visibility); its summary text does not.</summary>
    private async Task<PortalJobInvoice?> VisibleInvoiceAsync(Invoice? invoice, PortalContext context, CancellationToken ct)
    {
        if (invoice is null)
        {
            return null;
        }

        var access = await viewer.AccessToAsync(invoice.BillToId, ct);
        return InvoiceVisibility.IsShown(context.Settings.Features, access, invoice.EverHadBalance, invoice.BusinessUnitExternalId, context.Settings.VisibleBusinessUnitIds.ToList())
            ? ToDto(invoice, PortalInvoices.PayableNow.Of(context.Settings, await viewer.PaymentAccountConnectedAsync(ct), invoice.Balance, invoice.PaymentHold, invoice.Currency))
            : null;
    }
}

/// <summary>Where portal clients download shared documents.</summary>
public static class PortalDocumentPaths
{
    /// <summary>The content URL of a document (relative to the API's base address).</summary>
    public static string Content(Guid documentId) => $"/v1/portal/documents/{documentId}/content";
}
