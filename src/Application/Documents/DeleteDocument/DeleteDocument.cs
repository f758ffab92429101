using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Documents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Documents.DeleteDocument;

/// <summary>Removes a document from the portal (soft delete).</summary>
public sealed record DeleteDocumentCommand(string ExternalId) : ITransactionalCommand<Result<DocumentView>>;

internal sealed class DeleteDocumentHandler(IAppDbContext db, IClock clock) : ICommandHandler<DeleteDocumentCommand, Result<DocumentView>>
{
    public async ValueTask<Result<DocumentView>> Handle(DeleteDocumentCommand request, CancellationToken cancellationToken)
    {
        var document = await db.Set<Document>().IgnoreQueryFilters([QueryFilters.NotDeleted]).SingleOrDefaultAsync(d => d.ExternalId == request.ExternalId, cancellationToken);
        if (document is null)
        {
            return Error.NotFound("document");
        }

        document.Delete(clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return DocumentView.From(document);
    }
}
