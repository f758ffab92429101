using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Documents;
using HeadlessPortal.Domain.Work;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Documents.UpsertDocument;

/// <summary>
/// Records a document whose content is already in file storage (stored first, outside the transaction, so
/// a slow upload never holds the database's write lock); the same request twice changes nothing.
/// </summary>
public sealed record UpsertDocumentCommand(string ExternalId, string JobId, DocumentKind? Kind, bool? Shared, string? Title, string? FileName, string? ContentType, StoredFile Stored)
    : ITransactionalCommand<Result<UpsertOutcome<DocumentView>>>;

internal sealed class UpsertDocumentHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock)
    : ICommandHandler<UpsertDocumentCommand, Result<UpsertOutcome<DocumentView>>>
{
    public async ValueTask<Result<UpsertOutcome<DocumentView>>> Handle(UpsertDocumentCommand request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        if (!DocumentContentTypes.Allowed.Contains(contentType))
        {
            return new Error(ErrorKind.Unprocessable, "unsupported_content_type",
                $"Documents are images or PDF ({string.Join(", ", DocumentContentTypes.Allowed)}), not \"{contentType}\".");
        }

        var context = new SyncContext(db, currentTenant.Required(), clock.UtcNow);
        var job = await context.ResolveAsync<Job>("jobId", request.JobId, cancellationToken);
        if (job is null)
        {
            return context.TakeErrors();
        }

        var stored = request.Stored;
        if (!DocumentContentTypes.Matches(contentType, stored.Head))
        {
            return new Error(ErrorKind.Unprocessable, "content_mismatch", $"The content is not {contentType}.");
        }

        var content = new StoredContent(stored.StorageKey, contentType, stored.Size, stored.Sha256);
        var existing = await db.Set<Document>().IgnoreQueryFilters([QueryFilters.NotDeleted]).SingleOrDefaultAsync(d => d.ExternalId == request.ExternalId, cancellationToken);
        var document = existing ?? Document.Create(context.TenantId, request.ExternalId, job.Value, request.Kind!.Value, request.Shared ?? false, request.Title, request.FileName!, content, context.Now);
        if (existing is null)
        {
            db.Set<Document>().Add(document);
        }
        else
        {
            existing.Update(job.Value, request.Kind!.Value, request.Shared ?? false, request.Title, request.FileName!, content, context.Now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new UpsertOutcome<DocumentView>(DocumentView.From(document), existing is null);
    }
}
