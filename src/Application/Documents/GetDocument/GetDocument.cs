using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.Documents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Documents.GetDocument;

/// <summary>A document's metadata.</summary>
public sealed record GetDocumentQuery(string ExternalId) : IQuery<Result<DocumentView>>;

internal sealed class GetDocumentHandler(IAppDbContext db) : IQueryHandler<GetDocumentQuery, Result<DocumentView>>
{
    public async ValueTask<Result<DocumentView>> Handle(GetDocumentQuery request, CancellationToken cancellationToken)
    {
        var document = await db.Set<Document>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().SingleOrDefaultAsync(d => d.ExternalId == request.ExternalId, cancellationToken);
        return document is null ? Error.NotFound("document") : DocumentView.From(document);
    }
}
