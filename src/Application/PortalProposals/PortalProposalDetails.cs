using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Application.ProposalDocuments;
using HeadlessPortal.Application.Proposals;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalProposals;

/// <summary>A proposal's detail answer, for the portal (and for an estimate link, which shows the same).</summary>
public static class PortalProposalDetails
{
    /// <summary>The portal's route to a proposal (its detail; its PDF under /document).</summary>
    public static string PathOf(Guid proposalId) => $"/v1/portal/proposals/{proposalId}";

    /// <param name="db">The context to read with.</param>
    /// <param name="proposal">The proposal the caller may see.</param>
    /// <param name="context">The tenant's portal settings, zone and time.</param>
    /// <param name="documentUrl">Where the caller downloads the PDF (the portal's route, or the estimate link's).</param>
    /// <param name="ct">Request aborted.</param>
    internal static async Task<PortalProposalDto> BuildAsync(IAppDbContext db, Proposal proposal, PortalContext context, string documentUrl, CancellationToken ct)
    {
        var model = await ProposalDocumentBuilder.BuildAsync(db, proposal, context.Settings, ct);
        var currency = proposal.Currency;
        var customerName = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == proposal.CustomerId).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? model.Customer.Name;
        var location = proposal.LocationId is { } locationId
            ? await db.Set<Location>().AsNoTracking().Where(l => l.Id == locationId).Select(l => new { l.Id, l.Name, l.Address }).SingleOrDefaultAsync(ct)
            : null;
        var job = proposal.JobId is { } jobId
            ? await db.Set<Job>().AsNoTracking().Where(j => j.Id == jobId).Select(j => new PortalProposalRefDto(j.Id, j.Number)).SingleOrDefaultAsync(ct)
            : null;
        var equipmentExternalId = proposal.EquipmentExternalId;
        var equipment = equipmentExternalId is null
            ? null
            : await db.Set<Equipment>().AsNoTracking().Where(e => e.ExternalId == equipmentExternalId).Select(e => new PortalProposalRefDto(e.Id, e.Type)).SingleOrDefaultAsync(ct);
        var why = proposal.WhyNotDecidable(context.Now, context.Zone);
        return new PortalProposalDto(
            proposal.Id,
            proposal.Number,
            proposal.EffectiveStatus(context.Now, context.Zone),
            proposal.Summary,
            new PortalProposalRefDto(proposal.CustomerId, customerName),
            location is null ? null : new InvoiceLocationDto(location.Id, location.Name, AddressDocument.From(location.Address)!),
            job,
            equipment,
            model.IssuedOn,
            proposal.ExpiresOn,
            proposal.Terms,
            proposal.FinancingOfferUrl,
            proposal.Options.Select(o => new PortalProposalOptionDto(
                o.Id!, o.Name, o.Description, o.Recommended,
                o.Lines.Select(l => new PortalProposalLineDto(l.Description, l.Quantity, new MoneyDocument(l.UnitPrice, currency), new MoneyDocument(l.Amount, currency))).ToList(),
                new MoneyDocument(o.Total, currency))).ToList(),
            proposal.RecommendedOption?.Id,
            proposal.Decision is { } decision ? ProposalDecisionDto.From(decision) : null,
            why is null,
            why,
            ProposalDocumentBuilder.VersionOf(model),
            documentUrl,
            new ProposalConsentDto(ProposalConsentText.Text, ProposalConsentText.Version));
    }
}
