using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Domain.ApiClients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.OAuthApps.GetOAuthApp;

/// <summary>One front-end app of the tenant.</summary>
/// <param name="Id">Record id.</param>
public sealed record GetOAuthAppQuery(Guid Id) : IQuery<Result<OAuthAppDto>>;

internal sealed class GetOAuthAppHandler(IAppDbContext db) : IQueryHandler<GetOAuthAppQuery, Result<OAuthAppDto>>
{
    public async ValueTask<Result<OAuthAppDto>> Handle(GetOAuthAppQuery request, CancellationToken cancellationToken) =>
        await db.Set<OAuthApp>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken) is { } app
            ? OAuthAppDto.From(app)
            : Error.NotFound("oauth app");
}
