using Mediator;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Imports.ListImports;

/// <summary>The current tenant's imports, newest first.</summary>
public sealed record ListImportsQuery(int? Limit, string? After) : IQuery<CursorPage<ImportSummaryDto>>, IPageRequest;

internal sealed class ListImportsHandler(IAppDbContext db) : IQueryHandler<ListImportsQuery, CursorPage<ImportSummaryDto>>
{
    public ValueTask<CursorPage<ImportSummaryDto>> Handle(ListImportsQuery request, CancellationToken cancellationToken) =>
        // An anonymous projection keeps the failed lines out of the query while the key stays translatable.
        new(db.Imports
            .Select(j => new { j.Id, j.Status, j.SizeBytes, j.LinesRead, j.Applied, j.Failed, j.CreatedAt, j.CompletedAt })
            .ToCursorPageAsync(
                request,
                j => j.Id,
                j => new ImportSummaryDto(j.Id, j.Status, j.SizeBytes, j.LinesRead, j.Applied, j.Failed, j.CreatedAt, j.CompletedAt),
                cancellationToken,
                newestFirst: true));
}
