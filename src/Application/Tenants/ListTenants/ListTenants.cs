using Mediator;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Tenants.ListTenants;

/// <summary>Lists tenants oldest first.</summary>
/// <param name="Limit">Page size, 1-100 (default 25).</param>
/// <param name="After">The nextCursor of the previous page.</param>
public sealed record ListTenantsQuery(int? Limit, string? After) : IQuery<CursorPage<TenantDto>>, IPageRequest;

internal sealed class ListTenantsHandler(IAppDbContext db) : IQueryHandler<ListTenantsQuery, CursorPage<TenantDto>>
{
    public async ValueTask<CursorPage<TenantDto>> Handle(ListTenantsQuery request, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? PageLimits.Default;
        var query = db.Tenants.AsNoTracking();
        if (Cursor.TryDecode(request.After, out var after))
        {
            var afterId = new TenantId(after.Value);
            query = query.Where(t => t.Id > afterId);
        }

        // Keyset on the primary key: UUIDv7 ids sort by creation, and the cost of a page stays flat.
        var rows = await query.OrderBy(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return CursorPage<TenantDto>.FromRows(rows, limit, t => t.Id.Value, TenantDto.From);
    }
}
