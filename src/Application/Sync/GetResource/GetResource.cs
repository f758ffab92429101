using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using Mediator;

namespace HeadlessPortal.Application.Sync.GetResource;

/// <summary>One record by the back office's id, removed ones included (with deletedAt).</summary>
public sealed record GetResourceQuery(string Resource, string ExternalId) : IQuery<Result<object>>;

internal sealed class GetResourceHandler(IAppDbContext db, SyncResourceRegistry registry) : IQueryHandler<GetResourceQuery, Result<object>>
{
    public ValueTask<Result<object>> Handle(GetResourceQuery request, CancellationToken cancellationToken) =>
        new(registry.ByName(request.Resource).GetAsync(db, request.ExternalId, cancellationToken));
}
