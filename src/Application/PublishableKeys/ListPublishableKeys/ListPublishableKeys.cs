using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PublishableKeys.ListPublishableKeys;

/// <summary>Lists the tenant's publishable keys, revoked ones included, oldest first (a tenant has a few: one complete page).</summary>
public sealed record ListPublishableKeysQuery : IQuery<CursorPage<PublishableKeyDto>>;

internal sealed class ListPublishableKeysHandler(IAppDbContext db) : IQueryHandler<ListPublishableKeysQuery, CursorPage<PublishableKeyDto>>
{
    public async ValueTask<CursorPage<PublishableKeyDto>> Handle(ListPublishableKeysQuery request, CancellationToken cancellationToken) =>
        CursorPage.Complete((await db.PublishableKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken)).Select(PublishableKeyDto.From).ToList());
}
