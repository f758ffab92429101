using Mediator;
using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Documents;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.Domain.Work;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Documents;

/// <summary>A document as the office sees it.</summary>
/// <param name="Id">Our id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="JobId">The job's external id.</param>
/// <param name="Kind">photo, form or document.</param>
/// <param name="Shared">Whether customers may see it.</param>
/// <param name="Title">A caption.</param>
/// <param name="FileName">The original file name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the content.</param>
/// <param name="CreatedAt">When first stored.</param>
/// <param name="UpdatedAt">When last changed.</param>
/// <param name="DeletedAt">When removed, if it was.</param>
public sealed record DocumentView(Guid Id, string ExternalId, string JobId, DocumentKind Kind, bool Shared, string? Title, string FileName, string ContentType, long Size, string Sha256,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static DocumentView From(Document d) => new(d.Id, d.ExternalId, d.JobExternalId, d.Kind, d.Shared, d.Title, d.FileName, d.ContentType, d.Size, d.Sha256,
        d.CreatedAt, d.UpdatedAt, d.DeletedAt);
}

/// <summary>
/// Records a document whose content is already in file storage (stored first, outside the transaction, so
/// a slow upload never holds the database's write lock); the same request twice changes nothing.
/// </summary>
public sealed record UpsertDocumentCommand(Guid TenantId, string ExternalId, string JobId, DocumentKind? Kind, bool? Shared, string? Title, string? FileName, string? ContentType, StoredFile Stored)
    : ITransactionalCommand<Result<UpsertOutcome<DocumentView>>>;

internal sealed class UpsertDocumentValidator : AbstractValidator<UpsertDocumentCommand>
{
    public UpsertDocumentValidator()
    {
        RuleFor(x => x.ExternalId).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.JobId).NotEmpty().WithMessage("jobId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Kind).NotNull().WithMessage("kind is required: photo, form or document.").IsInEnum();
        RuleFor(x => x.Title).MaximumLength(Document.TitleMaxLength);
        RuleFor(x => x.FileName).NotEmpty().WithMessage("fileName is required.").MaximumLength(Document.FileNameMaxLength)
            .Must(n => n is null || n.IndexOfAny(['/', '\\']) < 0).WithMessage("fileName is a name, not a path.");
    }
}

internal sealed class UpsertDocumentHandler(IAppDbContext db, IClock clock)
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

        var context = new SyncContext(db, new TenantId(request.TenantId), clock.UtcNow);
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

/// <summary>A document's content, to stream back.</summary>
public sealed record DocumentContent(Stream Content, string ContentType, string FileName, string Sha256);

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

/// <summary>Lists documents, optionally one job's, in creation order.</summary>
public sealed record ListDocumentsQuery(string? JobId, int? Limit, string? After) : IQuery<CursorPage<DocumentView>>, IPageRequest;

internal sealed class ListDocumentsValidator : AbstractValidator<ListDocumentsQuery>
{
    public ListDocumentsValidator() => this.AddPageRules();
}

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
