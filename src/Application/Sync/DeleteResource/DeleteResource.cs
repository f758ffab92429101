using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Mediator;

namespace HeadlessPortal.Application.Sync.DeleteResource;

/// <summary>Removes a record from the portal (soft delete); sending it again restores it.</summary>
public sealed record DeleteResourceCommand(string Resource, string ExternalId) : ITransactionalCommand<Result<object>>;

internal sealed class DeleteResourceHandler(IAppDbContext db, IClock clock, SyncResourceRegistry registry) : ICommandHandler<DeleteResourceCommand, Result<object>>
{
    public async ValueTask<Result<object>> Handle(DeleteResourceCommand request, CancellationToken cancellationToken)
    {
        var result = await registry.ByName(request.Resource).DeleteAsync(db, request.ExternalId, clock.UtcNow, cancellationToken);
        if (result.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
