using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Paging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.ApiClients.ListApiClients;

/// <summary>Lists the current tenant's API clients, oldest first.</summary>
public sealed record ListApiClientsQuery(int? Limit, string? After) : IQuery<CursorPage<ApiClientDto>>, IPageRequest;

internal sealed class ListApiClientsHandler(IAppDbContext db) : IQueryHandler<ListApiClientsQuery, CursorPage<ApiClientDto>>
{
    public ValueTask<CursorPage<ApiClientDto>> Handle(ListApiClientsQuery request, CancellationToken cancellationToken) =>
        new(db.ApiClients.AsNoTracking().ToCursorPageAsync(request, c => c.Id, ApiClientDto.From, cancellationToken));
}
