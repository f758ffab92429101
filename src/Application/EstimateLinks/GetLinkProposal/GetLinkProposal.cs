using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.PortalProposals;
using Mediator;

namespace HeadlessPortal.Application.EstimateLinks.GetLinkProposal;

/// <summary>One proposal of an estimate link, exactly as the portal shows it (its document URL on the link's route).</summary>
/// <param name="Token">The token= value of the link.</param>
/// <param name="Id">The proposal's id.</param>
public sealed record GetLinkProposalQuery(string Token, string Id) : IQuery<Result<PortalProposalDto>>;

internal sealed class GetLinkProposalHandler(IAppDbContext db, EstimateLinkResolver links, ICurrentTenant tenant, IClock clock)
    : IQueryHandler<GetLinkProposalQuery, Result<PortalProposalDto>>
{
    public async ValueTask<Result<PortalProposalDto>> Handle(GetLinkProposalQuery request, CancellationToken cancellationToken)
    {
        var context = await PortalContext.LoadAsync(db, tenant, clock, cancellationToken);
        var found = await LinkedProposals.FindAsync(db, links, context.Settings, request.Token, request.Id, tracked: false, context.Now, cancellationToken);
        if (found is not var (_, proposal))
        {
            return Error.NotFound("proposal");
        }

        return await PortalProposalDetails.BuildAsync(db, proposal, context, LinkedProposals.PathOf(request.Token, proposal.Id) + "/document", cancellationToken);
    }
}
