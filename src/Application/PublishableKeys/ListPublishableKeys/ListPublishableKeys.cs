using HeadlessPortal.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublishableKeys.ListPublishableKeys;

/// <summary>Lists the tenant's publishable keys, revoked ones included.</summary>
public sealed record ListPublishableKeysQuery : IQuery<IReadOnlyList<PublishableKeyDto>>;

internal sealed class ListPublishableKeysHandler(IAppDbContext db) : IQueryHandler<ListPublishableKeysQuery, IReadOnlyList<PublishableKeyDto>>
{
    public async ValueTask<IReadOnlyList<PublishableKeyDto>> Handle(ListPublishableKeysQuery request, CancellationToken cancellationToken) =>
        (await db.PublishableKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken)).Select(PublishableKeyDto.From).ToList();
}
