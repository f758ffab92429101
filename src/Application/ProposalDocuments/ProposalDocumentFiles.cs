using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Billing;

namespace HeadlessPortal.Application.ProposalDocuments;

/// <summary>A rendered estimate.</summary>
/// <param name="Content">The PDF; null when the caller's copy is current (304).</param>
/// <param name="ETag">The quoted ETag: the document version, followed by the decision's reference once decided.</param>
/// <param name="FileName">A file name for downloads.</param>
public sealed record ProposalDocumentFile(byte[]? Content, string ETag, string FileName);

/// <summary>A proposal's PDF as the portal and an estimate link serve it: rendered only when the caller's copy is not current.</summary>
internal static class ProposalDocumentFiles
{
    /// <param name="db">The context to read with.</param>
    /// <param name="renderer">Renders the PDF.</param>
    /// <param name="proposal">The proposal the caller may see.</param>
    /// <param name="settings">The tenant's portal settings (branding).</param>
    /// <param name="ifNoneMatch">The ETags the caller holds ("*" for any).</param>
    /// <param name="ct">Request aborted.</param>
    public static async Task<ProposalDocumentFile> GetAsync(
        IAppDbContext db, IProposalDocumentRenderer renderer, Proposal proposal, Domain.Portal.PortalSettings settings, IReadOnlyList<string> ifNoneMatch, CancellationToken ct)
    {
        var model = await ProposalDocumentBuilder.BuildAsync(db, proposal, settings, ct);
        var etag = ProposalDocumentBuilder.ETagOf(model);
        var fileName = ProposalDocumentBuilder.FileNameOf(model);
        return ifNoneMatch.Contains(etag, StringComparer.Ordinal) || ifNoneMatch.Contains("*", StringComparer.Ordinal)
            ? new ProposalDocumentFile(null, etag, fileName)
            : new ProposalDocumentFile(renderer.Render(model), etag, fileName);
    }
}
