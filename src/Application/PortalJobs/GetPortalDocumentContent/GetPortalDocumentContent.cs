using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Documents;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Documents;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalJobs.GetPortalDocumentContent;

/// <summary>Opens a shared document of a job of a customer the signed-in user can access.</summary>
/// <param name="Id">The document's id.</param>
public sealed record GetPortalDocumentContentQuery(Guid Id) : IQuery<Result<DocumentContent>>;

internal sealed class GetPortalDocumentContentHandler(IAppDbContext db, PortalViewer viewer, IFileStorage storage)
    : IQueryHandler<GetPortalDocumentContentQuery, Result<DocumentContent>>
{
    public async ValueTask<Result<DocumentContent>> Handle(GetPortalDocumentContentQuery request, CancellationToken cancellationToken)
    {
        var customerIds = await viewer.CustomerIdsAsync(cancellationToken);
        var document = await (
            from d in db.Set<Document>().AsNoTracking()
            where d.Id == request.Id && d.Shared
            join j in db.Set<Job>() on d.JobId equals j.Id
            where customerIds.Contains(j.CustomerId)
            select d).SingleOrDefaultAsync(cancellationToken);

        // Unshared, another customer's, another tenant's or missing: the same 404.
        var stream = document is null ? null : await storage.OpenAsync(document.StorageKey, cancellationToken);
        return document is null || stream is null
            ? Error.NotFound("document")
            : new DocumentContent(stream, document.ContentType, document.FileName, document.Sha256);
    }
}
