using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using Mediator;

namespace HeadlessPortal.Application.Sync.ListResources;

/// <summary>Records in creation order, optionally only those changed since a time, and removed ones on request.</summary>
public sealed record ListResourcesQuery(string Resource, int? Limit, string? After, DateTimeOffset? UpdatedSince, bool IncludeDeleted)
    : IQuery<CursorPage<object>>, IPageRequest;

internal sealed class ListResourcesHandler(IAppDbContext db, SyncResourceRegistry registry) : IQueryHandler<ListResourcesQuery, CursorPage<object>>
{
    public ValueTask<CursorPage<object>> Handle(ListResourcesQuery request, CancellationToken cancellationToken) =>
        new(registry.ByName(request.Resource).ListAsync(db, request, cancellationToken));
}
