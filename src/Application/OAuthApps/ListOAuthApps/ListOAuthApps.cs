using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.OAuthApps.ListOAuthApps;

/// <summary>Lists the tenant's front-end apps, oldest first (a tenant has a few: one complete page).</summary>
public sealed record ListOAuthAppsQuery : IQuery<CursorPage<OAuthAppDto>>;

internal sealed class ListOAuthAppsHandler(IAppDbContext db) : IQueryHandler<ListOAuthAppsQuery, CursorPage<OAuthAppDto>>
{
    public async ValueTask<CursorPage<OAuthAppDto>> Handle(ListOAuthAppsQuery request, CancellationToken cancellationToken) =>
        CursorPage.Complete((await db.Set<OAuthApp>().AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken)).Select(a => OAuthAppDto.From(a)).ToList());
}
