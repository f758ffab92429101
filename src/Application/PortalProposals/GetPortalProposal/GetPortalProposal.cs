using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using Mediator;

namespace HeadlessPortal.Application.PortalProposals.GetPortalProposal;

/// <summary>One proposal the signed-in user may see; any other id (unknown, another customer's, a service-only customer's, or any while estimate approval is off) is not found.</summary>
public sealed record GetPortalProposalQuery(string Id) : IQuery<Result<PortalProposalDto>>;

internal sealed class GetPortalProposalHandler(IAppDbContext db, PortalViewer viewer)
    : IQueryHandler<GetPortalProposalQuery, Result<PortalProposalDto>>
{
    public async ValueTask<Result<PortalProposalDto>> Handle(GetPortalProposalQuery request, CancellationToken cancellationToken)
    {
        var context = await viewer.ContextAsync(cancellationToken);
        var proposal = await VisibleProposals.FindAsync(db, viewer, context.Settings, request.Id, tracked: false, cancellationToken);
        return proposal is null ? Error.NotFound("proposal") : await PortalProposalDetails.BuildAsync(db, proposal, context, PortalProposalDetails.PathOf(proposal.Id) + "/document", cancellationToken);
    }
}
