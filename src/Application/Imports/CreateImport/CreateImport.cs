using Mediator;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Imports;

namespace HeadlessPortal.Application.Imports.CreateImport;

/// <summary>
/// Stores an NDJSON body as a queued import. Deliberately not a transactional command: the body streams to disk
/// for as long as the upload takes, and holding a write transaction (SQLite's write lock) that long would stall
/// every other writer. The one insert at the end is atomic on its own.
/// </summary>
public sealed record CreateImportCommand(string CreatedBy, Stream Body) : ISelfTransactedCommand<ImportDto>;

internal sealed class CreateImportHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IImportFiles files, IImportQueue queue)
    : ICommandHandler<CreateImportCommand, ImportDto>
{
    public async ValueTask<ImportDto> Handle(CreateImportCommand request, CancellationToken cancellationToken)
    {
        var id = UuidV7.NewGuid();
        var size = await files.SaveAsync(id, request.Body, cancellationToken);
        var job = ImportJob.Queue(id, currentTenant.Required(), request.CreatedBy, size, clock.UtcNow);
        db.Imports.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(id);
            throw;
        }

        queue.Notify();
        return ImportDto.From(job);
    }
}
