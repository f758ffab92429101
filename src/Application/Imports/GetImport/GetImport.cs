using Mediator;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Imports.GetImport;

/// <summary>One import of the current tenant, with its failed lines.</summary>
public sealed record GetImportQuery(Guid Id) : IQuery<Result<ImportDto>>;

internal sealed class GetImportHandler(IAppDbContext db) : IQueryHandler<GetImportQuery, Result<ImportDto>>
{
    public async ValueTask<Result<ImportDto>> Handle(GetImportQuery request, CancellationToken cancellationToken)
    {
        var job = await db.Imports.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.Id, cancellationToken);
        return job is null ? Error.NotFound("import") : ImportDto.From(job);
    }
}
