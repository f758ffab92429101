using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Domain.Common;
using Mediator;

namespace HeadlessPortal.Application.Sync.UpsertResource;

/// <summary>Creates or updates a record by the back office's id; 201 when created, 200 otherwise.</summary>
public sealed record UpsertResourceCommand(string Resource, string ExternalId, object Document) : ITransactionalCommand<Result<UpsertOutcome<object>>>;

internal sealed class UpsertResourceHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, SyncResourceRegistry registry)
    : ICommandHandler<UpsertResourceCommand, Result<UpsertOutcome<object>>>
{
    public async ValueTask<Result<UpsertOutcome<object>>> Handle(UpsertResourceCommand request, CancellationToken cancellationToken)
    {
        var resource = registry.ByName(request.Resource);
        var context = new SyncContext(db, currentTenant.Required(), clock.UtcNow);
        var result = await resource.UpsertAsync(context, request.ExternalId, request.Document, cancellationToken);
        if (!result.IsSuccess)
        {
            return result;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (UniqueConstraintViolationException ex) when (ex.Properties.Contains(nameof(SyncedEntity.ExternalId)))
        {
            // A concurrent PUT created the same record first; apply ours on top of it (EF rolled back to a savepoint).
            db.ClearTracked();

            var retry = await resource.UpsertAsync(new SyncContext(db, context.TenantId, clock.UtcNow), request.ExternalId, request.Document, cancellationToken);
            if (retry.IsSuccess)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return retry;
        }
    }
}
