using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAssets.GetPortalEquipment;

/// <summary>One piece of equipment with its service history and, with billing access, its proposal history.</summary>
/// <param name="Id">The equipment's id.</param>
public sealed record GetPortalEquipmentQuery(Guid Id) : IQuery<Result<PortalEquipmentDetailDto>>;

internal sealed class GetPortalEquipmentHandler(IAppDbContext db, PortalViewer viewer, IClock clock) : IQueryHandler<GetPortalEquipmentQuery, Result<PortalEquipmentDetailDto>>
{
    public async ValueTask<Result<PortalEquipmentDetailDto>> Handle(GetPortalEquipmentQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var found = await (
            from candidate in db.Set<Equipment>().AsNoTracking()
            where candidate.Id == request.Id
            join l in db.Set<Location>().AsNoTracking() on candidate.LocationId equals l.Id
            where customerIds.Contains(l.CustomerId)
            select new { Equipment = candidate, l.CustomerId, LocationName = l.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Error.NotFound("equipment");
        }

        var e = found.Equipment;
        var history = await ServiceHistoryAsync(e, customerIds, cancellationToken);
        var proposals = await viewer.CanSeeAsync(found.CustomerId, CustomerRecordKind.Estimate, cancellationToken)
            ? await ProposalsAsync(e, cancellationToken)
            : [];
        return new PortalEquipmentDetailDto(e.Id, found.CustomerId, new PortalLocationRef(e.LocationId, found.LocationName), e.Type, e.Manufacturer, e.Model, e.Serial,
            e.InstalledOn, PortalWarranty.From(e.ManufacturerWarranty), PortalWarranty.From(e.ServiceWarranty), history, proposals);
    }

    private async Task<IReadOnlyList<PortalServiceHistoryJob>> ServiceHistoryAsync(Equipment e, IReadOnlyList<Guid> customerIds, CancellationToken ct)
    {
        var jobIds = e.Jobs.Select(j => j.Id).ToList();
        if (jobIds.Count == 0)
        {
            return [];
        }

        // Only jobs of customers the user can access: a job linked from another customer's records stays hidden.
        var jobs = await db.Set<Job>().AsNoTracking()
            .Where(j => jobIds.Contains(j.Id) && customerIds.Contains(j.CustomerId))
            .Select(j => new { j.Id, j.Number, j.Summary })
            .ToListAsync(ct);
        var visibleIds = jobs.Select(j => j.Id).ToList();
        var appointments = await db.Set<Appointment>().AsNoTracking()
            .Where(a => visibleIds.Contains(a.JobId) && a.Status != AppointmentStatus.Canceled)
            .Select(a => new { a.JobId, a.Start })
            .ToListAsync(ct);
        var zone = await TenantTime.ZoneAsync(db, e.TenantId, ct);
        var lastByJob = appointments.GroupBy(a => a.JobId).ToDictionary(g => g.Key, g => g.Max(a => a.Start).In(zone));

        return jobs
            .Select(j => new PortalServiceHistoryJob(j.Id, j.Number, j.Summary, lastByJob.TryGetValue(j.Id, out var last) ? last : null))
            .OrderByDescending(j => j.LastAppointmentAt)
            .ThenByDescending(j => j.Id)
            .ToList();
    }

    private async Task<IReadOnlyList<PortalProposalSummary>> ProposalsAsync(Equipment e, CancellationToken ct)
    {
        var proposalIds = e.Proposals.Select(p => p.Id).ToList();
        if (proposalIds.Count == 0)
        {
            return [];
        }

        // The proposal's own customer needs billing access too, not only the equipment's.
        var billingIds = await viewer.BillingCustomerIdsAsync(ct);
        var proposals = await db.Set<Proposal>().AsNoTracking()
            .Where(p => proposalIds.Contains(p.Id) && billingIds.Contains(p.CustomerId))
            .OrderByDescending(p => p.Id)
            .ToListAsync(ct);

        // The customer's own decision first, then the company's status, then the expiry: as the estimates list says it.
        var zone = await TenantTime.ZoneAsync(db, e.TenantId, ct);
        var now = clock.UtcNow;
        return proposals
            .Select(p => new PortalProposalSummary(p.Id, p.Number, p.EffectiveStatus(now, zone),
                p.Options.Select(o => new PortalProposalOptionTotal(o.Name, new MoneyDocument(o.Total, p.Currency))).ToList()))
            .ToList();
    }
}
