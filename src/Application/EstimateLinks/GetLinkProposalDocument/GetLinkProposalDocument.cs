using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.ProposalDocuments;
using Mediator;

namespace HeadlessPortal.Application.EstimateLinks.GetLinkProposalDocument;

/// <summary>One proposal of an estimate link as a PDF, the same document the portal serves (or only its ETag when the caller's copy is current).</summary>
/// <param name="Token">The token= value of the link.</param>
/// <param name="Id">The proposal's id.</param>
/// <param name="IfNoneMatch">The ETags the caller holds.</param>
public sealed record GetLinkProposalDocumentQuery(string Token, string Id, IReadOnlyList<string> IfNoneMatch) : IQuery<Result<ProposalDocumentFile>>;

internal sealed class GetLinkProposalDocumentHandler(IAppDbContext db, EstimateLinkResolver links, IProposalDocumentRenderer renderer, ICurrentTenant tenant, IClock clock)
    : IQueryHandler<GetLinkProposalDocumentQuery, Result<ProposalDocumentFile>>
{
    public async ValueTask<Result<ProposalDocumentFile>> Handle(GetLinkProposalDocumentQuery request, CancellationToken cancellationToken)
    {
        var settings = await PortalContext.SettingsAsync(db, tenant, clock, cancellationToken);
        var found = await LinkedProposals.FindAsync(db, links, settings, request.Token, request.Id, tracked: false, clock.UtcNow, cancellationToken);
        if (found is not var (_, proposal))
        {
            return Error.NotFound("proposal");
        }

        return await ProposalDocumentFiles.GetAsync(db, renderer, proposal, settings, request.IfNoneMatch, cancellationToken);
    }
}
