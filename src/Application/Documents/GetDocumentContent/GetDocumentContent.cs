using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Documents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Documents.GetDocumentContent;

/// <summary>Opens a document's content.</summary>
public sealed record GetDocumentContentQuery(string ExternalId) : IQuery<Result<DocumentContent>>;

internal sealed class GetDocumentContentHandler(IAppDbContext db, IFileStorage storage) : IQueryHandler<GetDocumentContentQuery, Result<DocumentContent>>
{
    public async ValueTask<Result<DocumentContent>> Handle(GetDocumentContentQuery request, CancellationToken cancellationToken)
    {
        var document = await db.Set<Document>().AsNoTracking().SingleOrDefaultAsync(d => d.ExternalId == request.ExternalId, cancellationToken);
        var stream = document is null ? null : await storage.OpenAsync(document.StorageKey, cancellationToken);
        return document is null || stream is null
            ? Error.NotFound("document")
            : new DocumentContent(stream, document.ContentType, document.FileName, document.Sha256);
    }
}
