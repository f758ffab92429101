using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalProposals;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.EstimateLinks.ViewEstimateLink;

/// <summary>Whether the holder of the link can also sign in to the company's portal.</summary>
/// <param name="SignInAvailable">The portal is on and offers at least one way to sign in.</param>
/// <param name="SignInMethods">The ways it offers (empty when none).</param>
/// <param name="Url">The portal's address.</param>
public sealed record EstimateLinkPortalDto(bool SignInAvailable, IReadOnlyList<SignInMethod> SignInMethods, string Url);

/// <summary>What the holder of an estimate link sees: the proposals it was sent with, who sent them, and until when the link works.</summary>
/// <param name="Proposals">The link's proposals (those the company still has), in the order they were sent, each exactly as the portal shows it (options with
/// their ids, the recommended one, expiry, terms, the customer's decision, canDecide, documentSha256); documentUrl is the link's own route to the PDF.</param>
/// <param name="CustomerName">The customer the proposals are for.</param>
/// <param name="Company">The company that sent them.</param>
/// <param name="Portal">Whether the customer can sign in to the portal instead.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record EstimateLinkViewDto(
    IReadOnlyList<PortalProposalDto> Proposals, string CustomerName, DirectLinkCompanyDto Company, EstimateLinkPortalDto Portal, DateTimeOffset ExpiresAt);

/// <summary>Opens an estimate link: its proposals, in the tenant of the publishable key, while estimate approval is on. Records the visit.</summary>
/// <param name="Token">The token= value of the link.</param>
public sealed record ViewEstimateLinkQuery(string Token) : ISelfTransactedCommand<Result<EstimateLinkViewDto>>;

internal sealed class ViewEstimateLinkHandler(
    IAppDbContext db, EstimateLinkResolver links, PortalEmails emails, ICurrentTenant tenant, IClock clock)
    : ICommandHandler<ViewEstimateLinkQuery, Result<EstimateLinkViewDto>>
{
    public async ValueTask<Result<EstimateLinkViewDto>> Handle(ViewEstimateLinkQuery request, CancellationToken cancellationToken)
    {
        // Without estimate approval no estimate is shown: the same 404 as an unknown link, so the answer says nothing about the token.
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        if (!EstimateEmails.PortalOffersEstimates(context.Settings.Enabled, context.Settings.Features))
        {
            return Error.NotFound("estimate link");
        }

        var now = context.Now;
        var link = await links.ResolveAsync(db, request.Token, now, cancellationToken);
        if (link is null)
        {
            return Error.NotFound("estimate link");
        }

        // The not-deleted filter applies: proposals the back office removed drop out; a link left with none stops working.
        var ids = link.Proposals.Select(p => p.Id).ToList();
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => ids.Contains(p.Id) && p.CustomerId == link.CustomerId).ToListAsync(cancellationToken);
        proposals = proposals.Where(p => link.Grants(p.Id, now)).OrderBy(p => ids.IndexOf(p.Id)).ToList();
        if (proposals.Count == 0)
        {
            return Error.NotFound("estimate link");
        }

        // One statement, outside any transaction: a visit is worth recording, not worth holding the write lock for.
        await db.Set<EstimateLink>().Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastViewedAt, now), cancellationToken);

        var views = new List<PortalProposalDto>(proposals.Count);
        foreach (var proposal in proposals)
        {
            views.Add(await PortalProposalDetails.BuildAsync(db, proposal, context, LinkedProposals.PathOf(request.Token, proposal.Id) + "/document", cancellationToken));
        }

        var customerName = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => c.Id == link.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
        var settings = context.Settings;
        var signIn = settings.Enabled ? settings.SignInMethods : [];
        return new EstimateLinkViewDto(
            views,
            customerName,
            DirectLinkCompanyDto.From(context),
            new EstimateLinkPortalDto(signIn.Count > 0, signIn, await emails.PortalUrlAsync(link.TenantId, cancellationToken)),
            link.ExpiresAt.In(context.Zone));
    }
}
