using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.ProposalDocuments;
using Mediator;

namespace HeadlessPortal.Application.PortalProposals.GetPortalProposalDocument;

/// <summary>A proposal's PDF, or only its ETag when the caller already has that version (<see cref="IfNoneMatch"/>).</summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="IfNoneMatch">The ETags the caller holds; when one is current, nothing is rendered.</param>
public sealed record GetPortalProposalDocumentQuery(string Id, IReadOnlyList<string> IfNoneMatch) : IQuery<Result<ProposalDocumentFile>>;

internal sealed class GetPortalProposalDocumentHandler(IAppDbContext db, PortalViewer viewer, IProposalDocumentRenderer renderer, ICurrentTenant tenant, IClock clock)
    : IQueryHandler<GetPortalProposalDocumentQuery, Result<ProposalDocumentFile>>
{
    public async ValueTask<Result<ProposalDocumentFile>> Handle(GetPortalProposalDocumentQuery request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var proposal = await VisibleProposals.FindAsync(db, viewer, settings, request.Id, tracked: false, cancellationToken);
        if (proposal is null)
        {
            return Error.NotFound("proposal");
        }

        return await ProposalDocumentFiles.GetAsync(db, renderer, proposal, settings, request.IfNoneMatch, cancellationToken);
    }
}
