using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets;

/// <summary>Queries the equipment and plan use cases share; each starts from the viewer's accessible customers.</summary>
internal static class PortalAssetQueries
{
    /// <summary>Visits (with the jobs they were booked as), covered equipment and visible invoices of a plan the user may see.</summary>
    public static async Task<(IReadOnlyList<PortalPlanVisit> Visits, IReadOnlyList<PortalCoveredEquipment> Equipment, IReadOnlyList<PortalPlanInvoice> Invoices)> PlanDetailsAsync(
        IAppDbContext db, PortalViewer viewer, Domain.Portal.PortalSettings settings, Plan plan, CancellationToken ct)
    {
        var customerIds = await viewer.CustomerIdsAsync(ct);

        var jobIds = plan.Visits.Where(v => v.Job is not null).Select(v => v.Job!.Value.Id).Distinct().ToList();
        var jobs = jobIds.Count == 0 ? [] : await db.Set<Job>().AsNoTracking()
            .Where(j => jobIds.Contains(j.Id) && customerIds.Contains(j.CustomerId))
            .Select(j => new PortalJobRef(j.Id, j.Number))
            .ToDictionaryAsync(j => j.Id, ct);
        var visits = plan.Visits
            .Select(v => new PortalPlanVisit(v.Name, v.TargetDate, v.Status, v.Job is { } job ? jobs.GetValueOrDefault(job.Id) : null))
            .ToList();

        var equipmentIds = plan.Equipment.Select(e => e.Id).ToList();
        var equipment = equipmentIds.Count == 0 ? [] : await (
            from e in db.Set<Equipment>().AsNoTracking()
            where equipmentIds.Contains(e.Id)
            join l in db.Set<Location>().AsNoTracking() on e.LocationId equals l.Id
            where customerIds.Contains(l.CustomerId)
            orderby e.Id
            select new PortalCoveredEquipment(e.Id, e.Type, e.Manufacturer, e.Model, e.Serial, new PortalLocationRef(l.Id, l.Name))).ToListAsync(ct);

        return (visits, equipment, await VisibleInvoicesAsync(db, viewer, settings, plan, ct));
    }

    // Invoices need billing access to the plan's customer, and each must pass PRODUCT.md#invoice-visibility.
    private static async Task<IReadOnlyList<PortalPlanInvoice>> VisibleInvoicesAsync(
        IAppDbContext db, PortalViewer viewer, Domain.Portal.PortalSettings settings, Plan plan, CancellationToken ct)
    {
        var invoiceIds = plan.Invoices.Select(i => i.Id).ToList();
        if (invoiceIds.Count == 0 || !await viewer.CanSeeAsync(plan.CustomerId, CustomerRecordKind.Invoice, ct))
        {
            return [];
        }

        var billingIds = await viewer.BillingCustomerIdsAsync(ct);
        var candidates = await db.Set<Invoice>().AsNoTracking()
            .Where(i => invoiceIds.Contains(i.Id) && billingIds.Contains(i.BillToId) && i.EverHadBalance)
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Number, i.IssueDate, i.DueDate, i.Total, i.Balance, i.PaymentHold, i.Currency, i.BillToId, i.EverHadBalance, i.BusinessUnitExternalId })
            .ToListAsync(ct);

        var accountConnected = candidates.Count > 0 && await viewer.PaymentAccountConnectedAsync(ct);
        var visible = new List<PortalPlanInvoice>();
        foreach (var i in candidates)
        {
            if (InvoiceVisibility.IsShown(settings.Features, await viewer.AccessToAsync(i.BillToId, ct), i.EverHadBalance, i.BusinessUnitExternalId, settings.VisibleBusinessUnitIds))
            {
                var payable = PortalInvoices.PayableNow.Of(settings, accountConnected, i.Balance, i.PaymentHold, i.Currency);
                visible.Add(new PortalPlanInvoice(
                    i.Id, i.Number, i.IssueDate, i.DueDate, new MoneyDocument(i.Total, i.Currency), new MoneyDocument(i.Balance, i.Currency),
                    payable.AmountPending, payable.PayableAmount));
            }
        }

        return visible;
    }
}
