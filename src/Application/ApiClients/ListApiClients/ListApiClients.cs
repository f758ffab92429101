using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.ApiClients.ListApiClients;

/// <summary>Lists the current tenant's API clients, oldest first.</summary>
public sealed record ListApiClientsQuery(int? Limit, string? After) : IQuery<CursorPage<ApiClientDto>>, IPageRequest;

internal sealed class ListApiClientsHandler(IAppDbContext db) : IRequestHandler<ListApiClientsQuery, CursorPage<ApiClientDto>>
{
    public async Task<CursorPage<ApiClientDto>> Handle(ListApiClientsQuery request, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? PageLimits.Default;
        var query = db.ApiClients.AsNoTracking();
        if (Cursor.TryDecode(request.After, out var after))
        {
            query = query.Where(c => c.Id > after.Value);
        }

        var rows = await query.OrderBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return CursorPage<ApiClientDto>.FromRows(rows, limit, c => c.Id, ApiClientDto.From);
    }
}

internal sealed class ListApiClientsValidator : FluentValidation.AbstractValidator<ListApiClientsQuery>
{
    public ListApiClientsValidator() => this.AddPageRules();
}
