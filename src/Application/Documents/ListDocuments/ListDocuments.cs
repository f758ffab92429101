using FluentValidation;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Documents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Documents.ListDocuments;

/// <summary>Lists documents, optionally one job's, in creation order.</summary>
public sealed record ListDocumentsQuery(string? JobId, int? Limit, string? After) : IQuery<CursorPage<DocumentView>>, IPageRequest;

internal sealed class ListDocumentsHandler(IAppDbContext db) : IQueryHandler<ListDocumentsQuery, CursorPage<DocumentView>>
{
    public ValueTask<CursorPage<DocumentView>> Handle(ListDocumentsQuery request, CancellationToken cancellationToken)
    {
        var query = db.Set<Document>().AsNoTracking();
        if (!string.IsNullOrEmpty(request.JobId))
        {
            query = query.Where(d => d.JobExternalId == request.JobId);
        }

        return new(query.ToCursorPageAsync(request, d => d.Id, DocumentView.From, cancellationToken));
    }
}
